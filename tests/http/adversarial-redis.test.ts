import { corpusBackend } from '../adversarial/backend';
import './adversarial.test';

/**
 * The whole adversarial corpus again, against a server that keeps everything in Redis (a real
 * redis-server of its own): state, transcripts, the queue and the Direct Line conversations.
 * The runner's tests are registered by the import above; its beforeAll reads the backend, which is
 * set here, after every module has loaded and before any hook runs. It is a file of its own so
 * jest runs the two backends side by side.
 */
corpusBackend.kind = 'redis';
