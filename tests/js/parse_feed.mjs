// Prints what podcast-partytime (the Podcast Index parser) sees in a feed file, as JSON.
import { readFileSync } from "node:fs";
import { parseFeed } from "podcast-partytime";

const feed = parseFeed(readFileSync(process.argv[2], "utf-8"));
if (!feed) {
  console.error("podcast-partytime could not parse the feed");
  process.exit(1);
}
console.log(JSON.stringify(feed, null, 1));
