/** Size and SHA-256 of a file, streamed so a multi-gigabyte dump does not sit in memory. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export interface FileDigest {
  sizeBytes: number;
  sha256: string;
}

/** Hash `file` with SHA-256 and return its size; rejects when the file cannot be read. */
export async function fileDigest(file: string): Promise<FileDigest> {
  const info = await stat(file);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { sizeBytes: info.size, sha256: hash.digest('hex') };
}
