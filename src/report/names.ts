/** Every output format's name, apart from the reporters so that the command line can offer them without loading any. */
export const REPORTER_NAMES = ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown', 'html'] as const;

export type ReporterName = (typeof REPORTER_NAMES)[number];
