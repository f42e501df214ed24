#!/usr/bin/env node
'use strict';
// Draws the Teams app icons: color.png (192×192, full colour) and outline.png (32×32, white on
// transparent, as Teams requires). Plain Node — PNG chunks, CRC32 and zlib by hand, no image
// library. Run `node manifest/make-icons.js` after changing the drawing; commit the PNGs with it.

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

/** The manifest's accentColor: Teams fills around the colour icon with it, so they match. */
const ACCENT = [0x5b, 0x3f, 0xd6];
const WHITE = [0xff, 0xff, 0xff];
const GOLD = [0xff, 0xc8, 0x3d];

// ---------------------------------------------------------------------------------------------
// PNG: signature, IHDR (8-bit RGBA), one IDAT (each row filter 0, then zlib), IEND.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** `rgba` is width × height × 4 bytes, row by row. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bits per channel
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Drawing: each icon is a function from a point (in a 0..1 square) to a colour with alpha, or
// null for nothing. Every pixel averages 4×4 samples, so edges are smooth at both sizes.

const SAMPLES = 4;

function render(size, paint) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = paint((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          if (!colour) continue;
          // Premultiplied, so a half-covered edge blends towards the right colour.
          r += colour[0] * colour[3];
          g += colour[1] * colour[3];
          b += colour[2] * colour[3];
          a += colour[3];
        }
      }
      const i = (py * size + px) * 4;
      const n = SAMPLES * SAMPLES;
      rgba[i] = a ? Math.round(r / a) : 0;
      rgba[i + 1] = a ? Math.round(g / a) : 0;
      rgba[i + 2] = a ? Math.round(b / a) : 0;
      rgba[i + 3] = Math.round((a / n) * 255);
    }
  }
  return rgba;
}

const inRect = (x, y, left, top, right, bottom) => x >= left && x < right && y >= top && y < bottom;

function inRoundedRect(x, y, left, top, right, bottom, radius) {
  if (!inRect(x, y, left, top, right, bottom)) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** An elliptical ring: the bow's loops. */
function inLoop(x, y, cx, cy, rx, ry, thickness) {
  const d = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
  const inner = ((x - cx) / (rx - thickness)) ** 2 + ((y - cy) / (ry - thickness)) ** 2;
  return d <= 1 && inner >= 1;
}

/**
 * The gift box, in a 0..1 square: a lid, a body under it with a gap between, a ribbon down the
 * middle and a bow of two loops on top. Returns which part a point is in.
 */
function giftBox(x, y) {
  const ribbon = Math.abs(x - 0.5) < 0.055;
  if (inLoop(x, y, 0.405, 0.235, 0.115, 0.085, 0.045) && x < 0.5) return 'bow';
  if (inLoop(x, y, 0.595, 0.235, 0.115, 0.085, 0.045) && x > 0.5) return 'bow';
  if (inRoundedRect(x, y, 0.14, 0.31, 0.86, 0.45, 0.03)) return ribbon ? 'ribbon' : 'lid';
  if (inRoundedRect(x, y, 0.2, 0.48, 0.8, 0.87, 0.03)) return ribbon ? 'ribbon' : 'body';
  return null;
}

/** 192×192, full colour: the box in white on the accent colour, ribbon and bow in gold. */
function paintColor(x, y) {
  // Keep the glyph inside Teams' safe area: scale it to the middle 70 %.
  const gx = (x - 0.15) / 0.7;
  const gy = (y - 0.13) / 0.7;
  const part = giftBox(gx, gy);
  if (part === 'lid' || part === 'body') return [...WHITE, 1];
  if (part === 'ribbon' || part === 'bow') return [...GOLD, 1];
  return [...ACCENT, 1];
}

/** 32×32, white on transparent: the box as a silhouette; the ribbon is a transparent cut. */
function paintOutline(x, y) {
  const part = giftBox(x, y);
  return part && part !== 'ribbon' ? [...WHITE, 1] : null;
}

const here = __dirname;
const icons = [
  ['color.png', 192, paintColor],
  ['outline.png', 32, paintOutline],
];
for (const [name, size, paint] of icons) {
  const file = path.join(here, name);
  fs.writeFileSync(file, encodePng(size, size, render(size, paint)));
  process.stdout.write(`wrote ${path.relative(process.cwd(), file) || name} (${size}×${size})\n`);
}
