/** The keys, as the help overlay lists them; handle-key.ts does what each says. */
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
    ],
  },
  {
    group: 'Logs',
    keys: [
      ['PgUp PgDn', 'scroll back and forth; PgDn at the end follows again'],
      ['Home End', 'the oldest line kept; the newest, following'],
      ['/', 'filter by regular expression (enter applies, esc cancels)'],
      ['n N', 'the older and the newer match'],
      ['f', 'only matching lines, or all lines with matches marked'],
      ['t W', 'timestamps; wrapping long lines'],
      ['esc', 'clear the filter; close this help'],
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
