// Connection options for kafkajs: the broker list, plus TLS and SASL from a Java client properties file,
// such as the DIR/clients/<user>.properties and DIR/ca.pem that `finflow dev --secure` writes.
//
// Understood properties: security.protocol (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL), sasl.mechanism
// (SCRAM-SHA-512, SCRAM-SHA-256, PLAIN), the username and password of sasl.jaas.config, and
// ssl.truststore.location of a PEM file (ssl.truststore.type=PEM). Config provider references (${env:...})
// are not resolved here: give non-Java clients a file with the values, as `finflow dev --secure` does.
//
// Scripts take it as an optional `--client-config FILE` argument; without it they connect in plaintext.
const fs = require('fs');
const { logLevel } = require('kafkajs');

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

// kafkajs constructor options for BOOTSTRAP (comma-separated) and an optional properties file.
function kafkaConfig(bootstrap, clientId, clientConfigFile) {
  const config = { clientId, brokers: bootstrap.split(','), logLevel: logLevel.ERROR };
  if (!clientConfigFile) {
    return config;
  }
  const props = parseProperties(fs.readFileSync(clientConfigFile, 'utf8'));
  const protocol = (props['security.protocol'] || 'PLAINTEXT').toUpperCase();
  if (protocol.endsWith('SSL')) {
    const ca = props['ssl.truststore.location'];
    if (ca && (props['ssl.truststore.type'] || '').toUpperCase() !== 'PEM') {
      throw new Error(`${clientConfigFile}: kafkajs needs a PEM trust store (ssl.truststore.type=PEM)`);
    }
    config.ssl = ca ? { ca: [fs.readFileSync(ca, 'utf8')] } : true;
  }
  if (protocol.startsWith('SASL_')) {
    const jaas = props['sasl.jaas.config'];
    const username = jaasOption(jaas, 'username');
    const password = jaasOption(jaas, 'password');
    if (!username || password === undefined) {
      throw new Error(`${clientConfigFile}: sasl.jaas.config needs a username and a password`);
    }
    config.sasl = { mechanism: (props['sasl.mechanism'] || 'PLAIN').toLowerCase(), username, password };
  }
  return config;
}

// Splits a script's arguments into its positional ones and the optional --client-config FILE.
function parseArgs(argv) {
  const positional = [];
  let clientConfig;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--client-config') {
      clientConfig = argv[++i];
    } else {
      positional.push(argv[i]);
    }
  }
  return { positional, clientConfig };
}

module.exports = { kafkaConfig, parseArgs, parseProperties };
