#!/usr/bin/env node
// Creates or drops a throw-away PostgreSQL database on the server a URL points at.
// `create URL NAME` prints the new database's URL.
import pg from "pg";

const [command, serverUrl, name] = process.argv.slice(2);
if (!["create", "drop"].includes(command) || !serverUrl || !/^[a-z0-9_]+$/.test(name ?? "")) {
  console.error("usage: pg-database.mjs create|drop SERVER_URL NAME");
  process.exit(2);
}
const client = new pg.Client({ connectionString: serverUrl });
await client.connect();
if (command === "create") {
  await client.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  console.log(url.toString());
} else {
  await client.query(`drop database if exists ${name} with (force)`);
}
await client.end();
