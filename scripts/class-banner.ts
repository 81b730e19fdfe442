// Run by `scripts/start.sh --class` before Podium starts: prints, on the teacher's terminal
// (stderr), the address students open and the action token; prints the token alone on stdout for
// start.sh to hand to Podium. Draws the token when PODIUM_ACTION_TOKEN is not set. Exits 1 with
// the reason when PODIUM_CLASS_ADDRESS is unusable. Run with --conditions=react-server.
import { classSettings, lanAddresses, newClassToken, studentLink } from '../lib/class-mode';

const settings = { ...classSettings(), enabled: true };
if (settings.addressError) {
  console.error(`[class] error: ${settings.addressError}`);
  process.exit(1);
}
const port = Number(process.env.PORT) || 3000;
const link = studentLink('/', { settings, lan: lanAddresses(), port, host: null, proto: 'http' });
const given = process.env.PODIUM_ACTION_TOKEN?.trim();
const token = given || newClassToken();

const lines = [
  '',
  '  Podium for a class',
  link.url
    ? `  students open:  ${link.url}${link.alternatives.length ? `   (also ${link.alternatives.join(', ')})` : ''}`
    : `  students cannot open it yet: ${link.reason}`,
  `  you open:       http://127.0.0.1:${port} — the projector page shows the students' link and its QR code`,
  given
    ? '  action token:   your PODIUM_ACTION_TOKEN'
    : `  action token:   ${token}   (drawn now; enter it under "Teacher? Unlock actions" in your own browser only)`,
  '  students see everything live and no action; Ctrl-C stops Podium.',
  '',
];
console.error(lines.join('\n'));
console.log(token);
