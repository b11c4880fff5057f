/**
 * `npm start`. Platform adapters run when their tokens are set, with the daily digest scheduler
 * and the data folder watched for new documents; with none configured, the console runs on the
 * documents. The app itself is assembled by createApp (src/app.ts).
 */
import { runConsole } from './adapters/console/console-adapter.js';
import { createApp, startApp } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { platformsOf, servePlatforms } from './serve-platforms.js';
import { exitWithStartupError } from './startup-error.js';

/** The longest a shutdown may take before the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 20_000;

try {
  const config = loadConfig();
  const platforms = platformsOf(config);
  const log = createLogger(config.logLevel ?? (platforms.length > 0 ? 'info' : 'warn'));
  // Last resort: a background failure nobody caught is logged, and the bot goes on answering.
  process.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'unhandled failure in the background; still running');
  });
  if (platforms.length === 0) {
    const app = await createApp({ config, log, platforms });
    const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
    const origin = { platform: 'console', channelId: 'console', userId: 'console', canManage: () => true };
    const context = { ...app.context, origin };
    app.sources?.start();
    await runConsole({ input: process.stdin, output: process.stdout, context, log, interactive });
    await app.close();
  } else {
    // The platforms connect before the documents are loaded: a command meanwhile hears how far loading is.
    const app = await startApp({ config, log, platforms });
    // Signals are handled from the start: a SIGTERM while connecting still shuts down cleanly.
    const served = servePlatforms(config, app, log);
    let stopping = false;
    const shutdown = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down: finishing replies in flight');
      setTimeout(() => {
        log.error({ limitMs: SHUTDOWN_LIMIT_MS }, 'shutdown took too long; exiting anyway');
        process.exit(1);
      }, SHUTDOWN_LIMIT_MS).unref();
      void served
        .then(
          (running) => running.stop(),
          () => undefined,
        )
        .then(() => process.exit(0));
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    const running = await served;
    log.info({ platforms }, 'briefbot connected; SIGTERM or Ctrl-C stops it');
    await running.loaded; // no documents to serve: the start-up error, as before connecting
    log.info({ platforms }, 'briefbot running');
  }
} catch (error) {
  exitWithStartupError(error);
}
