// Model output is only ever text in the document: control characters a broken or hostile answer
// may contain (NUL, escape sequences, form feeds…) are removed before anything else sees them.
// Tabs and line breaks are text and pass.

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export async function* stripControlChars(chunks: AsyncIterable<string>): AsyncIterable<string> {
  for await (const chunk of chunks) {
    const clean = chunk.replace(CONTROL, '');
    if (clean) yield clean;
  }
}
