import { corpus, type HostileCase } from './corpus';
import { agentSideCases } from './cases-agent-side';
import { clientLimitsCases } from './cases-client-limits';
import { codeShapesCases } from './cases-code-shapes';
import { developmentModeCases } from './cases-development-mode';
import { headersCases } from './cases-headers';
import { longInputCases } from './cases-long-input';
import { otherFieldsCases } from './cases-other-fields';
import { spoofingCases } from './cases-spoofing';

/** Every hostile case: the original corpus and one file a finding area of the security test. */
export const allCases: HostileCase[] = [
  ...corpus,
  ...codeShapesCases,
  ...otherFieldsCases,
  ...longInputCases,
  ...spoofingCases,
  ...clientLimitsCases,
  ...developmentModeCases,
  ...agentSideCases,
  ...headersCases,
];
