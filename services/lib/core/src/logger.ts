import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths that may hold personal data. Logs are read by operators and shipped to log stores that are
 * not meant for citizens' data, so these are masked wherever they turn up.
 */
export const redactedPaths = [
  'applicant',
  '*.applicant',
  'payload',
  '*.payload',
  'value',
  '*.value',
  'body',
  '*.body',
  'headers.authorization',
  '*.headers.authorization',
];

/**
 * Creates the root JSON logger of a service; components take `logger.child({ component })`. Lines
 * go to stdout unless `destination` says otherwise (tests read them back from memory).
 */
export function createLogger(service: string, options: LoggerOptions & { destination?: DestinationStream } = {}): Logger {
  const { destination, ...rest } = options;
  const settings: LoggerOptions = {
    name: service,
    level: process.env['LOG_LEVEL'] ?? 'info',
    redact: { paths: redactedPaths, censor: '[redacted]' },
    base: { service },
    ...rest,
  };
  return destination ? pino(settings, destination) : pino(settings);
}
