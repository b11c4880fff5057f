/**
 * The dependency rules of the layout, checked by dependency-cruiser over every import: static,
 * dynamic (`await import(...)`) and type-only (`import type`). TypeScript 7 has no compiler API
 * for it to use, so it parses with swc.
 */
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';

/** A package, resolved (somewhere under node_modules/) or not (its bare name). */
const packagePath = (names: string): string => `(^|/)node_modules/(${names})|^(${names})`;
const PLATFORM_SDK = packagePath(String.raw`discord\.js|@discordjs/|@slack/`);
const OURS = '^(src|commands)/';

/** What may import what. Each rule names what it forbids. */
export const RULES: IForbiddenRuleType[] = [
  {
    name: 'core-imports-no-platform-sdk',
    comment: 'The core is platform-free: no Discord or Slack SDK, not even its types.',
    severity: 'error',
    from: { path: '^src/core/' },
    to: { path: PLATFORM_SDK },
  },
  {
    name: 'core-imports-only-core',
    comment: 'The core imports nothing of ours outside src/core.',
    severity: 'error',
    from: { path: '^src/core/' },
    to: { path: OURS, pathNot: '^src/core/' },
  },
  {
    name: 'commands-import-no-platform',
    comment: 'Commands return neutral replies: no platform SDK, no adapter.',
    severity: 'error',
    from: { path: '^commands/' },
    to: { path: [PLATFORM_SDK, '^src/adapters/'] },
  },
  {
    name: 'reply-imports-only-core',
    comment:
      'Renderers build plain payloads from the neutral reply: no SDK, no adapter, digest service, store or command.',
    severity: 'error',
    from: { path: '^src/reply/' },
    to: { path: [PLATFORM_SDK, '^src/adapters/', '^src/digest/', '^src/store/', '^commands/'] },
  },
  {
    name: 'digest-imports-no-platform',
    comment: 'The digest service posts through the DigestPoster interface, never a platform or an adapter.',
    severity: 'error',
    from: { path: '^src/digest/' },
    to: { path: [PLATFORM_SDK, '^src/adapters/'] },
  },
  {
    name: 'store-imports-only-core',
    comment: 'Persistence knows nothing of digests, commands, replies or platforms.',
    severity: 'error',
    from: { path: '^src/store/' },
    to: { path: [PLATFORM_SDK, OURS], pathNot: '^src/(store|core)/' },
  },
  {
    name: 'no-adapter-imports-another',
    comment: 'Each adapter stands alone; what they share lives beside them in src/adapters/.',
    severity: 'error',
    from: { path: '^src/adapters/([^/]+)/' },
    to: { path: '^src/adapters/[^/]+/', pathNot: '^src/adapters/$1/' },
  },
  {
    name: 'discord-sdk-only-in-its-adapter',
    severity: 'error',
    from: { pathNot: '^src/adapters/discord/' },
    to: { path: packagePath(String.raw`discord\.js|@discordjs/`) },
  },
  {
    name: 'slack-sdk-only-in-its-adapter',
    severity: 'error',
    from: { pathNot: '^src/adapters/slack/' },
    to: { path: packagePath('@slack/') },
  },
  {
    name: 'no-minisearch-in-the-product',
    comment: 'The index is our own; minisearch stays only as the bench baseline.',
    severity: 'error',
    from: {},
    to: { path: packagePath('minisearch') },
  },
  {
    name: 'pino-only-in-the-logger',
    severity: 'error',
    from: { pathNot: String.raw`^src/logger\.ts$` },
    to: { path: packagePath('pino') },
  },
  {
    name: 'no-cycles',
    comment: 'No module depends on itself through others, type imports included.',
    severity: 'error',
    from: {},
    to: { circular: true },
  },
];

/** One broken rule: which, and the import (or cycle) that breaks it. */
export interface Violation {
  rule: string;
  from: string;
  to: string;
  /** The modules of a cycle, for no-cycles. */
  cycle?: string[];
}

/** Checks the folders (relative to `root`) against RULES; resolves with every violation. */
export async function checkDependencies(root: string, folders: string[]): Promise<Violation[]> {
  const reporting = await cruise(
    folders,
    {
      baseDir: root,
      parser: 'swc',
      validate: true,
      ruleSet: { forbidden: RULES },
      doNotFollow: { path: 'node_modules' },
      moduleSystems: ['es6', 'cjs'],
    },
    { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
  );
  const result = reporting.output as ICruiseResult;
  return result.summary.violations.map((violation) => ({
    rule: violation.rule.name,
    from: violation.from,
    to: violation.to,
    ...(violation.cycle ? { cycle: violation.cycle.map((step) => (typeof step === 'string' ? step : step.name)) } : {}),
  }));
}
