import type { HostileCase } from './cases';
import { storedDiffers } from './stored';
import type { HostileTarget } from './target';

/** A request slower than this counts as a hang. */
export const hangMs = 5_000;

/** Fuzzed deletions are undone this often, so path parameters keep finding documents. */
const restoreEvery = 100;

export interface Finding {
  kind: '5xx' | 'hang' | 'no-detail' | 'stored≠acknowledged' | 'exception';
  route: string;
  request: string;
  status?: number | undefined;
  detail: string;
}

export interface HostileReport {
  cases: number;
  requests: number;
  /** `route → status → count`. */
  statuses: Map<string, Map<number, number>>;
  findings: Finding[];
  /** Writes acknowledged (2xx) whose stored state was compared. */
  storedChecks: number;
  sessionsRenewed: number;
  slowest: { ms: number; request: string };
}

export function emptyReport(): HostileReport {
  return { cases: 0, requests: 0, statuses: new Map(), findings: [], storedChecks: 0, sessionsRenewed: 0, slowest: { ms: 0, request: '' } };
}

function describe(testCase: HostileCase): string {
  const body = testCase.body ? ` ${testCase.body.chunked ? '(chunked) ' : ''}${testCase.body.contentType} ${JSON.stringify(testCase.body.text.slice(0, 300))}${testCase.body.text.length > 300 ? `… (${testCase.body.text.length} caractères)` : ''}` : '';
  return `${testCase.method} ${testCase.url.slice(0, 300)}${testCase.anonymous ? ' [sans session]' : ''}${testCase.twice ? ' [deux fois en même temps]' : ''}${body}`;
}

function requestInit(testCase: HostileCase, token: string): RequestInit {
  const headers: Record<string, string> = {};
  if (!testCase.anonymous) {
    headers['authorization'] = `Bearer ${token}`;
  }
  const init: RequestInit & { duplex?: 'half' } = { method: testCase.method, headers };
  const body = testCase.body;
  if (body) {
    if (body.contentType !== '') {
      headers['content-type'] = body.contentType;
    }
    if (body.chunked) {
      const bytes = new TextEncoder().encode(body.text);
      init.body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let offset = 0; offset < bytes.length; offset += 64 * 1024) {
            controller.enqueue(bytes.subarray(offset, offset + 64 * 1024));
          }
          controller.close();
        },
      });
      init.duplex = 'half';
    } else {
      init.body = body.text;
      headers['content-length'] = String(Buffer.byteLength(body.text));
    }
  }
  return init;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
  ms: number;
}

async function send(target: HostileTarget, testCase: HostileCase): Promise<Answer> {
  const started = performance.now();
  const response = await target.bench.app.request(testCase.url, requestInit(testCase, target.token()));
  const contentType = response.headers.get('content-type') ?? '';
  let text = '';
  if (contentType.startsWith('text/event-stream')) {
    // A live stream never ends: its headers are the answer.
    await response.body?.cancel();
  } else {
    text = await response.text();
  }
  return { status: response.status, contentType, text, ms: performance.now() - started };
}

function checkAnswer(report: HostileReport, testCase: HostileCase, answer: Answer): void {
  const request = describe(testCase);
  const byStatus = report.statuses.get(testCase.route) ?? new Map<number, number>();
  byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
  report.statuses.set(testCase.route, byStatus);
  report.requests += 1;
  if (answer.ms > report.slowest.ms) {
    report.slowest = { ms: answer.ms, request };
  }
  const found = (kind: Finding['kind'], detail: string) => report.findings.push({ kind, route: testCase.route, request, status: answer.status, detail });
  if (answer.status >= 500) {
    found('5xx', answer.text.slice(0, 500));
  }
  if (answer.ms > hangMs) {
    found('hang', `${Math.round(answer.ms)} ms`);
  }
  if (answer.status >= 400) {
    let detail: unknown;
    try {
      detail = (JSON.parse(answer.text) as { detail?: unknown }).detail;
    } catch {
      detail = undefined;
    }
    if (typeof detail !== 'string' || detail === '') {
      found('no-detail', `${answer.contentType} ${answer.text.slice(0, 200)}`);
    }
  }
}

/** Runs the cases one after the other (a `twice` case sends its two requests at once) and records what it saw. */
export async function runHostileCases(target: HostileTarget, cases: readonly HostileCase[], report = emptyReport()): Promise<HostileReport> {
  for (const testCase of cases) {
    report.cases += 1;
    if (report.cases % restoreEvery === 0) {
      target.restoreSeeds();
    }
    try {
      const answers = await Promise.all(Array.from({ length: testCase.twice ? 2 : 1 }, () => send(target, testCase)));
      for (const answer of answers) {
        checkAnswer(report, testCase, answer);
        if (answer.status >= 200 && answer.status < 300 && testCase.body) {
          const difference = await storedDiffers(target, testCase, answer.text);
          if (difference !== undefined) {
            report.storedChecks += 1;
            if (difference !== '') {
              report.findings.push({ kind: 'stored≠acknowledged', route: testCase.route, request: describe(testCase), status: answer.status, detail: difference });
            }
          }
        }
      }
      if (!testCase.anonymous && answers.some((answer) => answer.status === 401 || answer.status === 403 || answer.status === 423)) {
        report.sessionsRenewed += (await target.ensureSession()) ? 1 : 0;
      }
    } catch (error) {
      report.findings.push({ kind: 'exception', route: testCase.route, request: describe(testCase), detail: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
  return report;
}

/** The report as text: counts by route and status, then every finding. */
export function formatReport(report: HostileReport, seed: number): string {
  const lines = [
    `Graine : ${seed} — ${report.cases} cas, ${report.requests} requêtes, ${report.storedChecks} écritures relues, ${report.sessionsRenewed} sessions renouvelées`,
    `Requête la plus lente : ${Math.round(report.slowest.ms)} ms — ${report.slowest.request.slice(0, 200)}`,
    '',
    'Réponses par route et statut :',
  ];
  for (const [route, statuses] of [...report.statuses.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const counts = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`);
    lines.push(`  ${route.padEnd(52)} ${counts.join('  ')}`);
  }
  const count = (kind: Finding['kind']) => report.findings.filter((finding) => finding.kind === kind).length;
  lines.push(
    '',
    `Anomalies : ${report.findings.length} — 5xx ${count('5xx')}, blocages > ${hangMs / 1000} s ${count('hang')}, stocké ≠ acquitté ${count('stored≠acknowledged')}, erreurs sans detail ${count('no-detail')}, exceptions du banc ${count('exception')}`,
  );
  for (const finding of report.findings.slice(0, 50)) {
    lines.push(`  [${finding.kind}] ${finding.status ?? ''} ${finding.request}`, `      → ${finding.detail.slice(0, 600)}`);
  }
  return lines.join('\n');
}
