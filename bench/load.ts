/**
 * `npm run load [-- --commands 5000 --concurrency 50 --replicas 2]`: a bounded load run against real
 * replicas. Starts the replicas (`npm start` processes) on one fresh PostgreSQL schema, with the
 * fake Slack on 127.0.0.1 (nothing leaves the machine), sends signed /ask slash commands spread
 * round-robin over the replicas, and reports throughput, the acknowledgement latency Slack waits
 * for (it gives up at 3 s), the time to the answer, and how many commands were lost (no answer) or
 * answered twice. Needs PostgreSQL (LOAD_DATABASE_URL, default the local test server).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { FAKE_BOT_TOKEN, FAKE_SIGNING_SECRET, FAKE_TEAM, FakeSlack, signedPost } from '../test/fakes/fake-slack.js';
import { freePort, Replica } from '../test/replicas/replica-process.js';
import { ms, percentile } from './stats.js';

const options = z
  .object({
    commands: z.coerce.number().int().min(1).max(100_000).default(5_000),
    concurrency: z.coerce.number().int().min(1).max(500).default(50),
    replicas: z.coerce.number().int().min(1).max(8).default(2),
  })
  .parse(
    Object.fromEntries(
      process.argv
        .slice(2)
        .join(' ')
        .split(/\s*--/)
        .filter(Boolean)
        .map((pair) => pair.trim().split(/\s+/)),
    ),
  );

const DATABASE_URL = process.env.LOAD_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const QUESTIONS = [
  'what is the NATO condition',
  'bargaining chip',
  'who met in Riyadh',
  'what did Zelensky say about security guarantees',
  'when did the talks start',
];

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const schema = `briefbot_load_${randomBytes(4).toString('hex')}`;
await admin((client) => client.query(`CREATE SCHEMA ${schema}`));
const url = new URL(DATABASE_URL);
url.searchParams.set('options', `-c search_path=${schema}`);

const slack = new FakeSlack();
await slack.start();
const root = mkdtempSync(join(tmpdir(), 'briefbot-load-'));
const replicas: Replica[] = [];
const ports: number[] = [];
try {
  for (let n = 0; n < options.replicas; n++) {
    const port = await freePort();
    ports.push(port);
    replicas.push(
      new Replica(`replica-${n}`, {
        DATABASE_URL: url.toString(),
        STATE_DIR: join(root, `state-${n}`),
        DATA_DIR: '',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
        SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
      }),
    );
  }
  // Ready when /readyz says so (the corpus loaded, the database answering).
  for (const port of ports) {
    const started = Date.now();
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`)
        .then((response) => response.ok)
        .catch(() => false);
      if (ready) break;
      if (Date.now() - started > 90_000) throw new Error(`replica on port ${port} not ready within 90 s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  // Answers arrive at the fake's response_url: note the first, count them all.
  const sentAt = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  const answers = new Map<string, number>();
  let seen = 0;
  slack.on('change', () => {
    for (; seen < slack.messages.length; seen++) {
      const id = slack.messages[seen]!.responseId;
      if (!id) continue;
      answers.set(id, (answers.get(id) ?? 0) + 1);
      if (!answeredAt.has(id)) answeredAt.set(id, performance.now());
    }
  });

  const acks: number[] = [];
  const refused: string[] = [];
  let retried = 0;
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < options.commands) {
      const n = next++;
      const id = `load-${n}`;
      const port = ports[n % ports.length]!;
      const payload = {
        team_id: FAKE_TEAM,
        channel_id: 'C0LOAD',
        user_id: `U0LOAD${n % 97}`,
        command: '/ask',
        text: QUESTIONS[n % QUESTIONS.length]!,
        response_url: slack.responseUrl(id),
        trigger_id: `trigger-${id}`,
        api_app_id: 'A0APP',
      };
      sentAt.set(id, performance.now());
      // A delivery whose connection fails is sent again, as Slack does, with its retry number.
      for (let attempt = 0; ; attempt++) {
        const before = performance.now();
        try {
          const response = await signedPost(
            `http://127.0.0.1:${port}/slack/events`,
            payload,
            attempt > 0 ? { retryNum: attempt } : {},
          );
          acks.push(performance.now() - before);
          if (response.status !== 200) refused.push(`${id}: ${response.status}`);
          await response.arrayBuffer();
          break;
        } catch (error) {
          retried++;
          if (attempt >= 3) {
            refused.push(`${id}: ${String(error)}`);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const sent = performance.now();
  // Wait for the answers still on their way (bounded).
  const drainUntil = Date.now() + 60_000;
  while (answeredAt.size < options.commands && Date.now() < drainUntil) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const done = performance.now();
  const lost = options.commands - answeredAt.size;
  const duplicates = [...answers.values()].filter((count) => count > 1).length;
  const toAnswer = [...answeredAt].map(([id, at]) => at - sentAt.get(id)!);
  const seconds = (done - started) / 1_000;
  console.log(
    `load: ${options.commands} signed /ask slash commands, concurrency ${options.concurrency}, over ${options.replicas} replica(s) on PostgreSQL, fake Slack on 127.0.0.1`,
  );
  console.log(`  sent in ${((sent - started) / 1_000).toFixed(1)} s; all answered after ${seconds.toFixed(1)} s`);
  console.log(`  throughput: ${(answeredAt.size / seconds).toFixed(0)} answered commands/s`);
  console.log(
    `  ack (HTTP 200 to Slack): p50 ${ms(percentile(acks, 50))}, p99 ${ms(percentile(acks, 99))}, max ${ms(Math.max(...acks))} (Slack allows 3 s)`,
  );
  console.log(
    `  time to answer (response_url): p50 ${ms(percentile(toAnswer, 50))}, p99 ${ms(percentile(toAnswer, 99))}`,
  );
  console.log(
    `  deliveries sent again after a connection error: ${retried}; refused: ${refused.length}; lost: ${lost}; answered twice or more: ${duplicates}`,
  );
  if (refused.length > 0) console.log(`  first refusals: ${refused.slice(0, 5).join(', ')}`);
  process.exitCode = lost === 0 && duplicates === 0 && refused.length === 0 ? 0 : 1;
} finally {
  for (const replica of replicas) replica.kill('SIGTERM');
  await Promise.all(replicas.map((replica) => replica.exited));
  await slack.stop();
  rmSync(root, { recursive: true, force: true });
  await admin((client) => client.query(`DROP SCHEMA ${schema} CASCADE`));
}
