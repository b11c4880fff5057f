/** The message limits Discord enforces on every message it accepts (documented API limits). */

interface EmbedBody {
  image?: { url: string };
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  author?: { name: string };
}

export interface MessageBody {
  content?: string;
  embeds?: EmbedBody[];
  flags?: number;
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[] };
  components?: unknown[];
  /** `attachments` of payload_json: which uploaded part (`files[id]`) each attachment is. */
  attachments?: { id: number | string; filename?: string; description?: string }[];
  /** The files uploaded with the message (multipart `files[n]` parts); the fake's record, not Discord's JSON. */
  uploads?: UploadedFile[];
}

/** One `files[n]` part of a multipart message. */
export interface UploadedFile {
  /** n of `files[n]`. */
  id: number;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** Discord's upload limit for a file on a server without boosts (10 MiB), and files a message may carry. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 10;

/** What Discord would reject in a message (empty when it would accept it). */
export function messageProblems(body: MessageBody): string[] {
  const problems: string[] = [];
  const embeds = body.embeds ?? [];
  if ((body.content ?? '').length > 2000) problems.push(`content is ${body.content!.length} characters (max 2000)`);
  const uploads = body.uploads ?? [];
  if (!body.content && embeds.length === 0 && !(body.components ?? []).length && uploads.length === 0)
    problems.push('Cannot send an empty message');
  if (uploads.length > MAX_FILES) problems.push(`${uploads.length} files (max ${MAX_FILES})`);
  for (const upload of uploads) {
    if (!(body.attachments ?? []).some((attachment) => String(attachment.id) === String(upload.id)))
      problems.push(`files[${upload.id}] has no entry in attachments`);
  }
  embeds.forEach((embed, i) => {
    const url = embed.image?.url;
    if (
      url?.startsWith('attachment://') &&
      !uploads.some((upload) => upload.filename === url.slice('attachment://'.length))
    ) {
      problems.push(`embeds[${i}].image refers to ${url}, which was not uploaded`);
    }
  });
  if (embeds.length > 10) problems.push(`${embeds.length} embeds (max 10)`);
  let total = 0;
  embeds.forEach((embed, i) => {
    const check = (what: string, text: string | undefined, max: number): void => {
      const length = text?.length ?? 0;
      total += length;
      if (length > max) problems.push(`embeds[${i}].${what} is ${length} characters (max ${max})`);
    };
    check('title', embed.title, 256);
    check('description', embed.description, 4096);
    check('footer.text', embed.footer?.text, 2048);
    check('author.name', embed.author?.name, 256);
    if ((embed.fields ?? []).length > 25) problems.push(`embeds[${i}] has ${embed.fields!.length} fields (max 25)`);
    (embed.fields ?? []).forEach((field, j) => {
      check(`fields[${j}].name`, field.name, 256);
      check(`fields[${j}].value`, field.value, 1024);
    });
  });
  if (total > 6000) problems.push(`embeds hold ${total} characters in all (max 6000)`);
  return problems;
}

/** What Discord would reject in a bulk command registration. */
export function commandProblems(commands: unknown): string[] {
  if (!Array.isArray(commands)) return ['body must be an array of commands'];
  const problems: string[] = [];
  for (const command of commands as {
    name?: string;
    description?: string;
    options?: { name?: string; description?: string; required?: boolean; choices?: unknown[] }[];
  }[]) {
    if (!command.name || !/^[-_\p{Ll}\p{N}]{1,32}$/u.test(command.name))
      problems.push(`bad command name ${command.name}`);
    if (!command.description || command.description.length > 100)
      problems.push(`${command.name}: description must be 1-100 characters`);
    const options = command.options ?? [];
    if (options.length > 25) problems.push(`${command.name}: more than 25 options`);
    let optionalSeen = false;
    for (const option of options) {
      if (!option.name || !/^[-_\p{Ll}\p{N}]{1,32}$/u.test(option.name))
        problems.push(`${command.name}: bad option name ${option.name}`);
      if (!option.description || option.description.length > 100)
        problems.push(`${command.name}.${option.name}: description must be 1-100 characters`);
      if (option.required && optionalSeen)
        problems.push(`${command.name}: required option ${option.name} after an optional one`);
      if (!option.required) optionalSeen = true;
      if ((option.choices ?? []).length > 25) problems.push(`${command.name}.${option.name}: more than 25 choices`);
    }
  }
  return problems;
}
