// The `yaml` library, evaluated on first use. In the single-file extension
// bundle a static import would run the library's module code at activation;
// a require() inside a function runs it when a plan is first parsed instead
// (issue 2: activation under 30 ms, nothing heavy before a view asks).
import type * as YamlLib from 'yaml';

let lib: typeof YamlLib | undefined;

export function Y(): typeof YamlLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return lib ?? (lib = require('yaml') as typeof YamlLib);
}
