// Its own module so that opening PGlite does not load postgres.js through ./migrate (issue 21).

/** Where drizzle-kit writes the migrations, relative to the project root. */
export const DEFAULT_MIGRATIONS_FOLDER = "./drizzle";
