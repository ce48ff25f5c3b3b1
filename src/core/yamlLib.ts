// The `yaml` library, evaluated on first use. In the single-file extension
// bundle a static import would run the library's module code at activation;
// a require() inside a function runs it when a plan is first parsed instead
// (issue 2: activation under 30 ms, nothing heavy before a view asks).
import type * as YamlLib from 'yaml';
import type { CST, Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';

let lib: typeof YamlLib | undefined;

export function Y(): typeof YamlLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return lib ?? (lib = require('yaml') as typeof YamlLib);
}

/** The parser's state that its `next` step reads and writes (private in yaml's typings). */
interface ParserState {
  source: string; type: string; offset: number; indent: number; atScalar: boolean; atNewLine: boolean;
  onNewLine?: (offset: number) => void;
  step(): Generator<CST.Token, void>;
  pop(error?: CST.Token): Generator<CST.Token, void>;
}

/**
 * yaml's Parser.next (2.x) without its `process.env.LOG_TOKENS` check: that
 * property read goes to the C++ environment on every token, about 1 µs each,
 * a third of the parser's time on a large plan (issue 19, measured with
 * --cpu-prof). Same steps otherwise; test/unit/fastRead.test.ts checks that the
 * Documents are the same as parseDocument's.
 */
function* quietNext(this: ParserState, source: string): Generator<CST.Token, void> {
  this.source = source;
  if (this.atScalar) {
    this.atScalar = false;
    yield* this.step();
    this.offset += source.length;
    return;
  }
  const type = Y().CST.tokenType(source);
  if (!type) {
    yield* this.pop({ type: 'error', offset: this.offset, message: `Not a YAML token: ${source}`, source });
    this.offset += source.length;
    return;
  }
  if (type === 'scalar') {
    this.atNewLine = false;
    this.atScalar = true;
    this.type = 'scalar';
    return;
  }
  this.type = type;
  yield* this.step();
  switch (type) {
    case 'newline':
      this.atNewLine = true;
      this.indent = 0;
      this.onNewLine?.(this.offset + source.length);
      break;
    case 'space':
      if (this.atNewLine && source[0] === ' ') this.indent += source.length;
      break;
    case 'explicit-key-ind':
    case 'map-value-ind':
    case 'seq-item-ind':
      if (this.atNewLine) this.indent += source.length;
      break;
    case 'doc-mode':
    case 'flow-error-end':
      return;
    default:
      this.atNewLine = false;
  }
  this.offset += source.length;
}

let QuietParser: typeof YamlLib.Parser | undefined;

function quietParser(): YamlLib.Parser {
  if (!QuietParser) {
    QuietParser = class extends Y().Parser {};
    (QuietParser.prototype as unknown as { next: typeof quietNext }).next = quietNext;
  }
  return new QuietParser();
}

/** yaml's parseDocument (one document; a second one is an error), with the quiet parser and no pretty errors. */
export function parseYamlDocument(text: string, options: ParseOptions & DocumentOptions & SchemaOptions = {}): Document.Parsed {
  const composer = new (Y().Composer)(options);
  let doc: Document.Parsed | undefined;
  for (const d of composer.compose(quietParser().parse(text), true, text.length)) {
    if (!doc) doc = d;
    else {
      doc.errors.push(new (Y().YAMLParseError)(d.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  return doc!;
}
