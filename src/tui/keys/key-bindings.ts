/**
 * The keys, as the help overlay lists them; handle-key.ts does what each says. On a 24-row, 80-column
 * terminal the overlay has 20 rows of 79 columns and uses them all: a new row needs one merged away.
 */
export const keyBindings: ReadonlyArray<{ group: string; keys: ReadonlyArray<[keys: string, what: string]> }> = [
  {
    group: 'Services',
    keys: [
      ['↑ ↓  k j', 'select a service'],
      ['enter  l', "the selected service's logs alone, or all again"],
      ['r x s', 'restart, stop (x) or start the selected service'],
      ['R', 'recreate it, rebuilding or pulling its image first'],
      ['e', 'a shell in its container; exit the shell to come back'],
      ['o', 'the URL of its published port, for copying'],
      ['w', 'develop.watch: sync, restart or rebuild on changes; w stops it'],
    ],
  },
  {
    group: 'Logs',
    keys: [
      ['PgUp PgDn', 'scroll back and forth; PgDn at the end follows again'],
      ['Home End', 'the oldest line kept; the newest, following'],
      ['/  esc', 'filter by regular expression; esc clears the filter'],
      ['n N', 'the older and the newer match'],
      ['f', 'only matching lines, or all lines with matches marked'],
      ['t W', 'timestamps; wrapping long lines'],
    ],
  },
  {
    group: 'The UI',
    keys: [
      ['E ?', 'every error in full; this help'],
      ['d', 'detach: leave the UI, the stack keeps running'],
      ['q  ctrl-c', 'quit: after `up` it stops the stack first, as Compose does'],
    ],
  },
];

/** The short hint for the status bar. */
export const keyHint = '? help  / filter  r restart  x stop  s start  e shell  d detach  q quit';
