// The glossary schema's validator. Ajv compiles it in 30–60 ms, the largest part of the server's
// start-up (profiled with --cpu-prof), so the bundle carries the code that Ajv generates for it at
// build time instead: esbuild.mjs puts `precompiledSource()` in place of this module. Code run
// unbundled (the unit tests) compiles it here, with the same options.
import Ajv, { ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import schema from '../../seeds/glossary.schema.json';

const options = { allErrors: true, strict: false };

export const validateGlossary: ValidateFunction = new Ajv(options).compile(schema);

/** This module as the bundle has it: the validator as code, exported under the same name. */
export function precompiledSource(): string {
  const ajv = new Ajv({ ...options, code: { source: true, esm: true } }).addSchema(schema, 'glossary');
  return standaloneCode(ajv, { validateGlossary: 'glossary' });
}
