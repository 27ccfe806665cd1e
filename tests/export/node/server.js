// The Express app tst_expressexport runs: the exported module in front of a backend that answers
// like the engine's default backend, 200 {"status":"200"} as application/json, for every method.
//
//   node server.js EXPORTED_MODULE.js PORT
'use strict';
const express = require('express');
const cors = require('cors');

const corsStudio = require(process.argv[2]);
const port = Number(process.argv[3]);

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.use(cors(corsStudio.options), corsStudio.finish);
app.use((req, res) => {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json');
  res.end('{"status":"200"}');
});
const server = app.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
