'use strict';
// strip-bom for jest. @microsoft/app-manifest requires strip-bom 5, which is ESM-only, and jest's
// CommonJS runtime cannot require an ES module; jest.config.js maps `strip-bom` here. Same
// behaviour as strip-bom (4 and 5): drop one leading UTF-8 byte order mark.
function stripBom(string) {
  if (typeof string !== 'string') {
    throw new TypeError(`Expected a string, got ${typeof string}`);
  }
  return string.charCodeAt(0) === 0xfeff ? string.slice(1) : string;
}

module.exports = stripBom;
// Callers compiled from `import stripBom from 'strip-bom'` read `.default`.
module.exports.default = stripBom;
Object.defineProperty(module.exports, '__esModule', { value: true });
