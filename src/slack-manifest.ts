/**
 * `npm run slack:manifest -- [--url https://your-host]`: prints the Slack app manifest (JSON).
 * With --url the app uses HTTP mode at <url>/slack/events; without it, Socket Mode.
 */
import { parseArgs } from 'node:util';
import { commands } from '../commands/index.js';
import { slackManifest } from './adapters/slack/manifest.js';

const { values } = parseArgs({ options: { url: { type: 'string' }, name: { type: 'string' } } });
if (values.url !== undefined && !/^https:\/\/\S+$/.test(values.url)) {
  process.stderr.write(
    '--url must be the public https:// address Slack can reach (Bolt serves /slack/events there).\n',
  );
  process.exit(2);
}
process.stdout.write(
  `${JSON.stringify(slackManifest(commands, { ...(values.url ? { baseUrl: values.url } : {}), ...(values.name ? { name: values.name } : {}) }), null, 2)}\n`,
);
