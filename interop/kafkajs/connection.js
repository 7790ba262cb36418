// TLS and SASL options for kafkajs from a Java client properties file, such as the
// DIR/clients/<user>.properties and DIR/ca.pem that `finflow dev --secure` writes. The scripts take it as an
// optional `--client-config FILE`; without it they connect in plaintext, as before.
//
// Understood properties: security.protocol (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL), sasl.mechanism
// (SCRAM-SHA-512, SCRAM-SHA-256, PLAIN), the username and password of sasl.jaas.config, and
// ssl.truststore.location of a PEM file (ssl.truststore.type=PEM). Kafka config provider references
// (${env:...}) are not resolved here: non-Java clients get files with the values, as `finflow dev --secure`
// writes them.
const fs = require('fs');

/** The key=value pairs of a Java properties file (comments, continuations and backslash escapes handled). */
function parseProperties(text) {
  const props = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].trim();
    while (line.endsWith('\\') && !line.endsWith('\\\\') && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i].trim();
    }
    if (line === '' || line.startsWith('#') || line.startsWith('!')) {
      continue;
    }
    const m = /^([^=:\s]+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (m) {
      props[m[1]] = m[2].replace(/\\(.)/g, '$1');
    }
  }
  return props;
}

function jaasOption(jaas, name) {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^\\s;"]+))`).exec(jaas || '');
  return m ? (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]) : undefined;
}

/** kafkajs client options ({ ssl, sasl }) for a client properties file; {} without one. */
function connectionOptions(clientConfigFile) {
  if (!clientConfigFile) {
    return {};
  }
  const props = parseProperties(fs.readFileSync(clientConfigFile, 'utf8'));
  const protocol = (props['security.protocol'] || 'PLAINTEXT').toUpperCase();
  const options = {};
  if (protocol.endsWith('SSL')) {
    const ca = props['ssl.truststore.location'];
    if (ca && (props['ssl.truststore.type'] || '').toUpperCase() !== 'PEM') {
      throw new Error(`${clientConfigFile}: kafkajs needs a PEM trust store (ssl.truststore.type=PEM)`);
    }
    options.ssl = ca ? { ca: [fs.readFileSync(ca, 'utf8')] } : true;
  }
  if (protocol.startsWith('SASL_')) {
    const jaas = props['sasl.jaas.config'];
    const username = jaasOption(jaas, 'username');
    const password = jaasOption(jaas, 'password');
    if (!username || password === undefined) {
      throw new Error(`${clientConfigFile}: sasl.jaas.config needs a username and a password`);
    }
    options.sasl = { mechanism: (props['sasl.mechanism'] || 'PLAIN').toLowerCase(), username, password };
  }
  return options;
}

/** Removes `--client-config FILE` from a script's arguments; returns the rest and the file. */
function takeClientConfig(argv) {
  const rest = [];
  let clientConfig;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--client-config') {
      clientConfig = argv[++i];
    } else {
      rest.push(argv[i]);
    }
  }
  return { rest, clientConfig };
}

module.exports = { connectionOptions, takeClientConfig, parseProperties };
