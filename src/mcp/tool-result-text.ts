/** The text a model sees for a tool result: JSON, cut to a size cap with a clear marker and a way to page. */

/** Serialise a result and cut it at `maxChars`, saying how to read the rest. */
export function toolResultText(evidenceId: string, output: unknown, maxChars: number): string {
  const text = JSON.stringify({ evidenceId, result: output }, null, 1);
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}\n[… cut: ${text.length - maxChars} more characters. The full result is ledger entry ${evidenceId}; read it with ledger_read {"id":"${evidenceId}","offset":${maxChars}}]`;
}
