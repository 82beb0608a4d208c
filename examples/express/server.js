/**
 * A merchant's Express app with the reference backend from the package: `npm run build`, then
 * `node examples/express/server.js` (PORT, MARKID_* as for `npm run serve`). Plain JavaScript on
 * purpose: this is what `import … from 'markid-onboarding/server'` gives an app that installed the
 * package, with no TypeScript tooling in between.
 *
 * The shop's "login" is a cookie set by GET /login?user=ona; `createSession` turns it into the
 * vendor token's person, so each verification belongs to one of the shop's users, and the session
 * rate limit counts per user.
 */
import express from 'express';
import { createMerchantBackend, describeConfig, expressMiddleware, loadConfig } from 'markid-onboarding/server';

/** The shop's own user table, for the example: who may verify, and what the vendor should compare. */
const USERS = {
  ona: { id: 'shop-user-1001', firstName: 'Ona', lastName: 'Jonaitė', address: 'Gedimino pr. 1, Vilnius' },
  jonas: { id: 'shop-user-1002', firstName: 'Jonas', lastName: 'Petraitis', address: 'Laisvės al. 10, Kaunas' },
};

const userFromCookie = (header) => USERS[/(?:^|;\s*)shop_user=([a-z]+)/.exec(header ?? '')?.[1] ?? ''] ?? null;

// The port is the app's business (0: any free one), not the backend's.
const config = loadConfig({ ...process.env, PORT: undefined });
const backend = createMerchantBackend(config, {
  createSession(request) {
    const user = userFromCookie(request.headers.get('cookie'));
    if (!user) return Response.json({ message: 'Log in to verify your identity', identifier: 'UNAUTHORIZED' }, { status: 401 });
    return { clientId: user.id, firstName: user.firstName, lastName: user.lastName, additionalData: { address: user.address } };
  },
  log: (line) => console.log(line),
});

const app = express();
// Before any body parser: the backend reads (and caps) its request bodies itself.
app.use(expressMiddleware(backend));
app.use(express.json());
app.get('/login', (req, res) => {
  const user = String(req.query.user ?? '');
  if (!(user in USERS)) return res.status(400).json({ message: 'Unknown user' });
  res.cookie('shop_user', user, { httpOnly: true, sameSite: 'lax' }).json({ user });
});
app.get('/', (_req, res) => res.type('text').send('The shop. GET /login?user=ona, then POST /api/session.\n'));

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address();
  console.log(JSON.stringify({ msg: 'listening', port, config: describeConfig(config) }));
});

const stop = () => server.close(() => backend.close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
