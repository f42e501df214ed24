import { reportCsv, csvCell } from '../../../src/handoff/report-csv';
import type { Report } from '../../../src/handoff/report-schema';

const report: Report = {
  from: '2026-12-01T00:00:00.000Z',
  to: '2026-12-02T00:00:00.000Z',
  utcOffsetMinutes: -300,
  volumeByHour: Array.from({ length: 24 }, (_, hour) => ({ hour, conversations: hour === 9 ? 3 : 0, handoffs: hour === 9 ? 1 : 0 })),
  waitSeconds: { count: 2, p50: 30, p90: 60 },
  handleSeconds: { count: 2, p50: null, p90: null },
  csat: { overall: { average: 4.5, count: 2 }, byAgent: [{ agent: 'token:=Eve', name: '=HYPERLINK("http://x")', average: 4.5, count: 2 }], byReason: [{ reason: '+refund', average: 4.5, count: 2 }] },
  handoffs: { conversations: 3, handoffs: 1, rate: 0.3333, reasons: [{ reason: 'asked-for-person', count: 1 }] },
  unanswered: { total: 1, top: [{ question: '@cmd a, b', count: 1, example: 'say "hi"\nthen' }] },
};

describe('the report as CSV', () => {
  test('when a cell could start a formula, then it is defused with a leading quote; numbers stay numbers', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell(-300)).toBe('-300');
    expect(csvCell(null)).toBe('');
    expect(csvCell('plain')).toBe('plain');
  });

  test('when a cell holds a comma, quote or line break, then it is quoted with quotes doubled (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvCell('=1,2')).toBe('"\'=1,2"');
  });

  test('when written, then every table is a section with a title and header, lines end in CRLF', () => {
    const csv = reportCsv(report);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/"[^"]*"/g, '').split('\n').every((line) => line === '' || line.endsWith('\r'))).toBe(true);
    const sections = csv.split('\r\n\r\n');
    expect(sections.map((s) => s.split('\r\n')[0])).toEqual(['Report', 'Volume by hour', 'Wait and handle time (seconds)', 'CSAT by agent', 'CSAT by reason', 'Handoffs', 'Handoff reasons', 'Top unanswered questions']);
    expect(csv).toContain('Report\r\nfrom,to,utcOffsetMinutes\r\n2026-12-01T00:00:00.000Z,2026-12-02T00:00:00.000Z,-300\r\n');
    expect(csv).toContain('hour,conversations,handoffs\r\n0,0,0\r\n');
    expect(csv).toContain('\r\n9,3,1\r\n');
    expect(csv).toContain('wait,2,30,60\r\nhandle,2,,\r\n');
    expect(csv).toContain(`(all),(all),4.5,2\r\ntoken:=Eve,"'=HYPERLINK(""http://x"")",4.5,2\r\n`);
    expect(csv).toContain("'+refund,4.5,2\r\n");
    expect(csv).toContain('conversations,handoffs,rate\r\n3,1,0.3333\r\n');
    expect(csv).toContain(`"'@cmd a, b",1,"say ""hi""\nthen"\r\n`);
  });
});
