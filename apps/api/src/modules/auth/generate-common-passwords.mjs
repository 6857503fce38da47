#!/usr/bin/env node
// Writes common-passwords.txt: the passwords people pick first, built from the patterns that
// top every published breach list (words plus years or digit runs, keyboard walks, digit runs,
// doubled words). Nothing is downloaded; re-run after changing a pattern:
//   node apps/api/src/modules/auth/generate-common-passwords.mjs
// Only entries of 8+ characters are kept: anything shorter fails the 12-character minimum even
// with a few symbols added around it (the check strips those, see password-policy.ts).
import { writeFileSync } from "node:fs";

const words = `password passw0rd p@ssword p@ssw0rd passwort motdepasse contrasena wachtwoord qwerty qwertz azerty
letmein welcome admin administrator root guest user test testing tester default changeme secret
access login master super superman batman spiderman starwars pokemon minecraft fortnite matrix
iloveyou loveyou lovely love baby angel princess sunshine shadow dragon monkey tiger lion
football baseball basketball soccer hockey tennis golf chelsea arsenal liverpool barcelona
michael jennifer jordan thomas robert daniel jessica ashley charlie hunter ranger killer
freedom whatever computer internet summer winter spring autumn
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
london paris berlin madrid newyork chicago boston
mustang ferrari porsche corvette harley yamaha
pepper ginger cookie chocolate butterfly flower orange banana purple yellow silver golden diamond
jesus heaven family friends hello company office service support system server database network
cartograph backstage northwind catalog platform developer engineer manager`
  .split(/\s+/)
  .filter(Boolean);

const digitRuns = ["1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "123456789", "1234567890", "0", "00", "01", "007", "11", "111", "1111", "69", "99", "321", "4321", "54321", "2", "22", "222"];
const years = Array.from({ length: 2035 - 1960 + 1 }, (_, i) => String(1960 + i));
/** The words people pair with a year most often: seasons, months, greetings, the product's own names. */
const withYears = new Set(`password passw0rd p@ssword p@ssw0rd qwerty letmein welcome admin administrator changeme secret summer winter spring autumn
january february march april may june july august september october november december
iloveyou football baseball soccer michael jennifer jordan cartograph backstage northwind company hello`.split(/\s+/));

const walks = [
  "qwertyuiop", "qwertyuiopasdfghjkl", "qwertyuiopasdfghjklzxcvbnm", "asdfghjkl", "asdfghjklqwertyuiop", "zxcvbnm", "zxcvbnmasdfghjkl",
  "qwertyasdfgh", "qwertyasdfghzxcvbn", "asdfghzxcvbn", "qazwsxedc", "qazwsxedcrfv", "qazwsxedcrfvtgb", "qazwsxedcrfvtgbyhn",
  "1qaz2wsx", "1qaz2wsx3edc", "1qaz2wsx3edc4rfv", "1qaz2wsx3edc4rfv5tgb", "zaq12wsx", "zaq1zaq1zaq1", "zaq1xsw2cde3", "zaq1xsw2cde3vfr4",
  "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y", "1q2w3e4r5t6y7u", "1q2w3e4r5t6y7u8i", "q1w2e3r4", "q1w2e3r4t5", "q1w2e3r4t5y6", "q1w2e3r4t5y6u7",
  "1234qwer", "1234qwerasdf", "1234qwerasdfzxcv", "123qwe", "123qweasd", "123qweasdzxc", "qwe123", "qweasd", "qweasdzxc", "qweasdzxc123",
  "!qaz@wsx", "!qaz@wsx#edc", "!qaz2wsx", "1qazxsw2", "poiuytrewq", "lkjhgfdsa", "mnbvcxz", "0987654321", "9876543210",
  "abcdefgh", "abcdefghij", "abcdefghijkl", "abcdefghijklmnop", "abcdefghijklmnopqrstuvwxyz", "abcd1234", "abc123abc123", "a1b2c3d4", "a1b2c3d4e5f6",
  "aa123456", "aaa111", "aaaa1111", "abcabcabcabc", "qwerty123456", "qwerty12345678", "asdf1234", "asdfasdfasdf", "asdfjkl", "qwerqwerqwer",
  "123123123123", "121212121212", "112233445566", "11223344556677", "147258369", "147258369147", "159753", "159753159753", "159357", "789456123",
  "741852963", "963852741", "123654789", "111222333", "111222333444", "123321123321", "12344321", "1234567887654321", "0123456789",
  "01234567890", "12345678910", "1234512345", "123456123456", "2468101214", "13579111315", "1357913579", "55555555", "6969696969",
  "correcthorsebatterystaple", "trustno1", "trustnoone", "opensesame", "letmeinnow", "ilovemyself", "ilovemymom", "iloveyoutoo",
  "iloveyouforever", "iloveyoubaby", "mypassword", "mysecretpassword", "thisismypassword", "passwordpassword", "mynewpassword",
  "newpassword", "changemenow", "pleasechangeme", "donotforget", "idontknow", "nopassword", "nothing", "whatever", "youcantguess",
  "supersecret", "topsecret", "verysecret", "temppassword", "temporary", "welcomeback", "welcomehome", "helloworld", "hellokitty",
  "starwarsfan", "maytheforce", "blink182", "linkinpark", "naruto", "onepiece", "dragonball", "superstar", "rockstar", "mylove",
];

const out = new Set();
const add = (candidate) => {
  const value = candidate.toLowerCase();
  if (value.length >= 8) out.add(value);
};

for (const w of words) {
  add(w);
  add(w + w);
  for (const d of digitRuns) {
    add(w + d);
    if (d.length <= 4) add(d + w);
  }
  if (withYears.has(w)) for (const y of years) add(w + y);
  add(`my${w}`);
  add(`my${w}123`);
  add(`i love ${w}`.replace(/ /g, ""));
}
for (const walk of walks) {
  add(walk);
  add(walk + walk);
  for (const d of ["1", "12", "123", "1234", "!", "2024", "2025", "2026"]) add(walk + d);
}
for (const y of years) {
  add(`${y}${y}`);
  add(`${y}${y}${y}`);
}
for (let n = 8; n <= 20; n++) {
  add("1234567890".repeat(2).slice(0, n));
  add("0987654321".repeat(2).slice(0, n));
  add("abcdefghijklmnopqrstuvwxyz".slice(0, n));
  for (const c of "0123456789abcdefghijklmnopqrstuvwxyz") add(c.repeat(n));
}

const header = [
  "# Passwords attackers try first; new passwords are refused when they match one (case-insensitive,",
  "# ignoring symbols around them and common letter-for-digit swaps). Generated by",
  "# generate-common-passwords.mjs from well-known patterns; one per line, lines starting with # ignored.",
];
writeFileSync(new URL("./common-passwords.txt", import.meta.url), `${[...header, ...[...out].sort()].join("\n")}\n`);
console.log(`common-passwords.txt: ${out.size} passwords`);
