// libxml2 quotes the offending instance value in its schema messages; the value may be personal
// data, and validation reports travel into logs, status events and dead-letter headers.
// Each pattern is greedy up to the libxml2 phrase that follows the value, so a value that itself
// contains quotes or that phrase is still cut out whole.
const VALUE_PATTERNS: readonly RegExp[] = [
  /The value '[\s\S]*'(?= (?:is not accepted|is not an element|has a length|is less than|is greater than|must be|has more|does not match|of simple type))/g,
  /: '[\s\S]*'(?= is not a valid value of)/g,
  /key-sequence \[[\s\S]*\](?= (?:in|of|for))/g,
];

const REDACTED = "'[redacted]'";

/** A libxml2 diagnostic with the instance values it quotes replaced by `'[redacted]'`. */
export function redactValues(message: string): string {
  let result = message;
  for (const pattern of VALUE_PATTERNS) {
    result = result.replace(pattern, (match) => {
      if (match.startsWith('The value ')) return `The value ${REDACTED}`;
      if (match.startsWith(': ')) return `: ${REDACTED}`;
      return `key-sequence [${REDACTED}]`;
    });
  }
  return result;
}
