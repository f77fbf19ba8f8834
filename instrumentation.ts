/** Runs once when a server process starts: migrate, seed an empty database, start the job worker. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("./lib/boot");
  await boot();
}
