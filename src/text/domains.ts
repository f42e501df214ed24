/** Country hints from country-code top-level domains: "amazon.co.uk" → GB. */
const COUNTRY_BY_SUFFIX: ReadonlyArray<[string, string]> = [
  ['co.uk', 'GB'], ['uk', 'GB'], ['ca', 'CA'], ['de', 'DE'], ['fr', 'FR'], ['es', 'ES'], ['it', 'IT'],
  ['nl', 'NL'], ['se', 'SE'], ['pl', 'PL'], ['ie', 'IE'], ['com.au', 'AU'], ['au', 'AU'], ['co.jp', 'JP'],
  ['jp', 'JP'], ['in', 'IN'], ['com.mx', 'MX'], ['mx', 'MX'], ['com.br', 'BR'], ['br', 'BR'],
  ['sg', 'SG'], ['ae', 'AE'], ['sa', 'SA'], ['com.tr', 'TR'], ['be', 'BE'], ['at', 'AT'], ['ch', 'CH'],
  ['nz', 'NZ'], ['co.nz', 'NZ'], ['us', 'US'],
];
const SECOND_LEVEL = /\.(?:co|com|org|net|gov|ac)\.[a-z]{2}$/;

/** The country a domain's suffix names, or null for generic ones like .com. */
export function countryOfDomain(domain: string): string | null {
  const match = COUNTRY_BY_SUFFIX.filter(([suffix]) => domain.endsWith(`.${suffix}`))
    .sort((a, b) => b[0].length - a[0].length)[0];
  return match ? match[1] : null;
}

/** "redeem.microsoft.com" → "microsoft.com"; "www.amazon.co.uk" → "amazon.co.uk". */
export function registrableDomain(host: string): string {
  const labels = host.toLowerCase().replace(/^www\./, '').split('.');
  const keep = SECOND_LEVEL.test(`.${labels.slice(-2).join('.')}`) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** "amazon.co.uk" → "amazon": the name part people type. */
export function domainLabel(domain: string): string {
  return registrableDomain(domain).split('.')[0] ?? domain;
}
