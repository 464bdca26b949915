// Getting started: `init` (the data folder and this device's key), `demo` (the demo rounds) and
// `template applications` (the CSV layout imports expect).
import { count, type Command, type Invocation } from './command';

export const initCommand: Command = {
  words: ['init'],
  synopsis: 'init',
  summary: 'Create or open the data folder; show this device’s id and key fingerprint',
  usage: ['grantpanel [--data-dir DIR] init'],
  options: {},
  optionHelp: [],
  positionals: [],
  notes: [
    'The first run makes the device key, the database and the seed catalogue (funds, areas, plans).',
    'Running it again changes nothing. Compare the fingerprint when another laptop checks this one’s bundles.',
  ],
  examples: ['grantpanel init', 'grantpanel --data-dir ./panel-data init'],
  async run({ call, io, dataDir }: Invocation) {
    const session = await call('session.current', {});
    io.stdout(
      [
        `Data folder: ${dataDir}`,
        `Device id: ${session.device.id}`,
        `Key fingerprint: ${session.device.fingerprint}`,
        ...(session.readOnly ? [`Read-only: ${session.readOnly}`] : []),
      ].join('\n') + '\n',
    );
  },
};

export const demoCommand: Command = {
  words: ['demo'],
  synopsis: 'demo',
  summary: 'Load the demo rounds: about 40 fictional applications to try things on',
  usage: ['grantpanel demo'],
  options: {},
  optionHelp: [],
  positionals: [],
  notes: ['Every name in the demo is invented. It can be loaded once per data folder.'],
  examples: ['grantpanel --data-dir /tmp/try-grantpanel demo'],
  async run({ call, io }: Invocation) {
    const demo = await call('demo.load', {});
    io.stdout(`Loaded the demo rounds with ${count(demo.applications, 'application')}. See them with: grantpanel list rounds\n`);
  },
};

export const templateCommand: Command = {
  words: ['template', 'applications'],
  synopsis: 'template applications',
  summary: 'Print the applications CSV template (the columns imports expect)',
  usage: ['grantpanel template applications > applications.csv'],
  options: {},
  optionHelp: [],
  positionals: [],
  notes: ['The template is UTF-8 with a byte-order mark and Windows line endings, as Excel saves CSV.'],
  examples: ['grantpanel template applications > applications.csv'],
  async run({ call, io }: Invocation) {
    const template = await call('imports.template', {});
    io.stdout(template.csv);
  },
};
