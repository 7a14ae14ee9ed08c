/**
 * A small XML reader for data files whose content lives in attributes (GENIUS domains and
 * profiles): elements, attributes, self-closing tags, comments, declarations, CDATA and the
 * standard entities. Text between tags is ignored. It refuses malformed input with the line.
 */

export type XmlElement = { name: string; attributes: Record<string, string>; children: XmlElement[]; line: number };

export type XmlResult = { ok: true; root: XmlElement } | { ok: false; message: string };

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name.startsWith("#x")) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return entities[name] ?? whole;
  });
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ATTRIBUTE = /^\s+([A-Za-z_:][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/;

export function parseXml(text: string): XmlResult {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const lineAt = (index: number) => text.slice(0, index).split("\n").length;
  const fail = (message: string, at = i): XmlResult => ({ ok: false, message: `line ${lineAt(at)}: ${message}` });
  while (i < text.length) {
    const open = text.indexOf("<", i);
    if (open < 0) break;
    i = open;
    const skipTo = (end: string): boolean => {
      const close = text.indexOf(end, i);
      if (close < 0) return false;
      i = close + end.length;
      return true;
    };
    if (text.startsWith("<!--", i)) {
      if (!skipTo("-->")) return fail("a comment is not closed");
      continue;
    }
    if (text.startsWith("<![CDATA[", i)) {
      if (!skipTo("]]>")) return fail("a CDATA section is not closed");
      continue;
    }
    if (text.startsWith("<?", i)) {
      if (!skipTo("?>")) return fail("a declaration is not closed");
      continue;
    }
    if (text.startsWith("<!", i)) {
      if (!skipTo(">")) return fail("a <! declaration is not closed");
      continue;
    }
    if (text.startsWith("</", i)) {
      const match = NAME.exec(text.slice(i + 2));
      const close = text.indexOf(">", i);
      if (!match || close < 0) return fail("a closing tag is malformed");
      const element = stack.pop();
      if (!element || element.name !== match[0]) return fail(`</${match[0]}> does not close ${element ? `<${element.name}>` : "anything"}`);
      i = close + 1;
      continue;
    }
    const start = i;
    const match = NAME.exec(text.slice(i + 1));
    if (!match) return fail("a tag has no name");
    const element: XmlElement = { name: match[0], attributes: {}, children: [], line: lineAt(start) };
    i += 1 + match[0].length;
    for (;;) {
      const attribute = ATTRIBUTE.exec(text.slice(i, i + 100_000));
      if (!attribute) break;
      element.attributes[attribute[1]!] = decode(attribute[3] ?? attribute[4] ?? "");
      i += attribute[0].length;
    }
    const rest = /^\s*(\/?)>/.exec(text.slice(i, i + 1000));
    if (!rest) return fail(`the tag <${element.name}> is malformed`);
    i += rest[0].length;
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (root) return fail(`a second top-level element <${element.name}>`, start);
    else root = element;
    if (rest[1] !== "/") stack.push(element);
  }
  if (stack.length > 0) return { ok: false, message: `<${stack.at(-1)!.name}> (line ${stack.at(-1)!.line}) is never closed` };
  return root ? { ok: true, root } : { ok: false, message: "no XML element found" };
}

/** Every descendant (at any depth) with this tag name, in document order. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    for (const child of e.children) {
      if (child.name === name) found.push(child);
      visit(child);
    }
  };
  visit(element);
  return found;
}
