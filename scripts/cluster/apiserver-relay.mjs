// A TCP relay from the API server's advertise address to the loopback address it listens on:
//   node apiserver-relay.mjs 10.254.0.1:16443 127.0.0.1:16443 <cluster dir>
// kube-apiserver binds 127.0.0.1 only (never this machine's own address), but the `kubernetes`
// Service's endpoint is its advertise address (10.254.0.1, on the veth network.sh creates). A pod on
// the real node reaches 10.96.0.1:443, kube-proxy DNATs that to 10.254.0.1:16443, a local address of
// the host: this relay accepts there and opens the same connection to 127.0.0.1:16443. Bytes only;
// TLS stays end to end (the serving cert has 10.96.0.1 and 10.254.0.1 as IP SANs). No
// route_localnet, no DNAT to loopback. node.sh starts and stops it with the real node; the last
// argument only marks the process as this cluster's, so `node.sh down` finds it after a crash.
import net from 'node:net';

const [listen, target] = process.argv.slice(2, 4).map((a) => {
  const i = a?.lastIndexOf(':') ?? -1;
  const port = Number(a?.slice(i + 1));
  if (i <= 0 || !Number.isInteger(port)) {
    console.error('usage: node apiserver-relay.mjs LISTEN_IP:PORT TARGET_IP:PORT [cluster dir]');
    process.exit(2);
  }
  return { host: a.slice(0, i), port };
});

let open = 0;
const server = net.createServer({ noDelay: true, keepAlive: true }, (client) => {
  open++;
  const upstream = net.connect({ ...target, noDelay: true, keepAlive: true });
  // Either side failing or closing ends both: the client sees a reset, as it would from the API
  // server itself (for instance while a test restarts it).
  const end = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', end).on('close', end);
  upstream.on('error', end).on('close', end);
  client.pipe(upstream);
  upstream.pipe(client);
  client.once('close', () => open--);
});

server.on('error', (err) => {
  console.error(`apiserver-relay: ${err.message}`);
  process.exit(1);
});
server.listen({ ...listen, exclusive: true }, () => {
  console.error(`apiserver-relay: ${listen.host}:${listen.port} -> ${target.host}:${target.port} (pid ${process.pid})`);
});

const stop = () => {
  console.error(`apiserver-relay: stopping (${open} open connections)`);
  server.close();
  process.exit(0);
};
process.on('SIGTERM', stop).on('SIGINT', stop);
