/** The shortest password accepted for a new or changed password. */
export const MIN_PASSWORD_LENGTH = 10;
/** Longer input is refused before hashing: scrypt's cost grows with it and nobody types more. */
export const MAX_PASSWORD_LENGTH = 256;

// Passwords of ten or more characters that appear near the top of every leaked-password list (and the
// demo seed's shared password, which must never survive as a chosen one). Compared case-insensitively.
const COMMON_PASSWORDS = new Set([
  "kaohe-demo",
  "password123",
  "password1234",
  "password12345",
  "passw0rd123",
  "1234567890",
  "0123456789",
  "12345678910",
  "123456789a",
  "a123456789",
  "1234567890a",
  "1234567890q",
  "qwertyuiop",
  "qwerty1234",
  "qwerty12345",
  "qwerty123456",
  "1qaz2wsx3edc",
  "1q2w3e4r5t",
  "1q2w3e4r5t6y",
  "asdfghjkl;",
  "asdfghjkl1",
  "zxcvbnm123",
  "abcdefghij",
  "abc1234567",
  "abcd123456",
  "iloveyou12",
  "iloveyou123",
  "woaini1314",
  "woaini520",
  "5201314520",
  "1314520520",
  "admin12345",
  "admin123456",
  "administrator",
  "welcome123",
  "changeme123",
  "letmein123",
  "p@ssw0rd123",
  "11111111111",
  "88888888888",
]);

/** Why a password is refused, or null when it is acceptable. Applies to new and changed passwords only. */
export function checkPasswordPolicy(password: string, context: { username: string }): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符 The password must have at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `密码最多 ${MAX_PASSWORD_LENGTH} 个字符 The password must have at most ${MAX_PASSWORD_LENGTH} characters`;
  }
  const lower = password.toLowerCase();
  const username = context.username.trim().toLowerCase();
  // A user name of 1-3 characters would refuse too many good passwords by mere containment.
  if (username && (lower === username || (username.length >= 4 && lower.includes(username)))) {
    return "密码不能包含用户名 The password must not contain the username";
  }
  if (COMMON_PASSWORDS.has(lower)) {
    return "密码过于常见，请换一个 The password is too common; choose another";
  }
  if (new Set(lower).size < 3) {
    return "密码至少包含 3 个不同字符 The password must use at least 3 different characters";
  }
  return null;
}
