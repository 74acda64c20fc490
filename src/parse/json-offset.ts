/**
 * Where strict JSON (RFC 8259) first goes wrong, as an offset into the text. JSON.parse decides whether a document is
 * valid; this only finds the place when Node 20's message does not name one ("Unexpected token '}', … is not valid
 * JSON" has no position, so the error stood at 1:1 of a 300-line file). It runs on a failed parse only and is a
 * scanner of the grammar, 90 lines; a JSON library that reports offsets would add its code to every start-up for the
 * sake of an error message.
 */

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** The offset of the first character that cannot continue a JSON text (the text's length when it ends too early), or undefined when it is valid. */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };
  const digits = (): boolean => {
    const start = i;
    while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++;
    return i > start;
  };
  const literal = (word: string): boolean => {
    for (const c of word) {
      if (text[i] !== c) return false;
      i++;
    }
    return true;
  };
  const string = (): boolean => {
    i++; // the opening quote
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return true;
      }
      if (c.charCodeAt(0) < 0x20) return false;
      if (c === '\\') {
        const e = text[++i];
        if (e === 'u') {
          for (let k = 0; k < 4; k++) if (!/[0-9a-fA-F]/.test(text[++i] ?? '')) return false;
        } else if (e === undefined || !ESCAPES.has(e)) return false;
      }
      i++;
    }
    return false;
  };
  const number = (): boolean => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (!digits()) return false;
    if (text[i] === '.') {
      i++;
      if (!digits()) return false;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!digits()) return false;
    }
    return true;
  };
  // the document's nesting is bounded before this runs (parseYaml refuses more than MAX_DEPTH levels), so recursion is safe
  const value = (): boolean => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return true;
      }
      for (;;) {
        if (c === '{') {
          if (text[i] !== '"' || !string()) return false;
          ws();
          if (text[i] !== ':') return false;
          i++;
        }
        if (!value()) return false;
        ws();
        if (text[i] === close) {
          i++;
          return true;
        }
        if (text[i] !== ',') return false;
        i++;
        ws();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return number();
  };
  if (!value()) return i;
  ws();
  return i < text.length ? i : undefined;
}
