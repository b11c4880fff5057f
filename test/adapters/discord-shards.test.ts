/**
 * `npm start` with DISCORD_SHARDS=2: discord.js's ShardingManager runs two shard processes; each
 * identifies as its own shard, and an interaction from a server is answered by the shard serving
 * that server, once. SIGTERM stops the shards with the replica.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FAKE_APPLICATION_ID, FAKE_GUILD_ID, FAKE_TOKEN, FakeDiscord, shardOf } from '../fakes/fake-discord.js';
import { freePort, Replica } from '../replicas/replica-process.js';

/** A server id served by `shard` of `count`. */
function guildOnShard(shard: number, count: number): string {
  let id = BigInt(FAKE_GUILD_ID);
  while (shardOf(String(id), count) !== shard) id += 1n << 22n;
  return String(id);
}

describe('Discord sharded with the ShardingManager', { timeout: 120_000 }, () => {
  const fake = new FakeDiscord();
  let replica: Replica;
  let root: string;

  beforeAll(async () => {
    await fake.start();
    root = mkdtempSync(join(tmpdir(), 'briefbot-shards-'));
    replica = new Replica('sharded', {
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_APPLICATION_ID: FAKE_APPLICATION_ID,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_SHARDS: '2',
      STATE_DIR: join(root, 'state'),
      DATA_DIR: '',
      PORT: String(await freePort()),
    });
    await vi.waitFor(() => expect(replica.logs).toContain('briefbot running'), { timeout: 90_000, interval: 250 });
  }, 100_000);

  afterAll(async () => {
    replica.kill('SIGKILL');
    await replica.exited;
    await fake.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('GIVEN two shards THEN each identifies as its own, and each server’s interaction is answered once by its shard', async () => {
    expect(fake.identified.map(([id, count]) => `${id}/${count}`).sort()).toEqual(['0/2', '1/2']);
    for (const shard of [0, 1]) {
      const id = fake.sendInteraction({
        name: 'ask',
        options: { question: 'bargaining chip' },
        guildId: guildOnShard(shard, 2),
      });
      const answer = await fake.answerTo(id, 20_000);
      expect(JSON.stringify(answer.message)).toContain('bargaining chip');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(fake.errorsFor(id)).toEqual([]);
      const answered = replica.entries(/interaction answered/).filter((entry) => entry.interaction === id);
      expect(answered.map((entry) => entry.shard)).toEqual([String(shard)]);
    }
  });

  it('GIVEN SIGTERM THEN the replica stops its shards and exits 0', async () => {
    replica.kill('SIGTERM');
    expect(await replica.exited).toBe(0);
    expect(replica.logs).toContain('discord shards stopped');
  });
});
