// Syntax and style rules (dotenv-linter's checks and beyond). Owned by the parser work.
import type { Rule } from '../../engine/types';
import { duplicatedKey } from './duplicated-key';
import { endingBlankLine } from './ending-blank-line';
import { extraBlankLine } from './extra-blank-line';
import { incorrectDelimiter } from './incorrect-delimiter';
import { keyWithoutValue } from './key-without-value';
import { leadingCharacter } from './leading-character';
import { lowercaseKey } from './lowercase-key';
import { quoteCharacter } from './quote-character';
import { spaceCharacter } from './space-character';
import { substitutionKey } from './substitution-key';
import { trailingWhitespace } from './trailing-whitespace';
import { unorderedKey } from './unordered-key';
import { unquotedHash } from './unquoted-hash';
import { unterminatedQuote } from './unterminated-quote';
import { valueWithoutQuotes } from './value-without-quotes';

export const SYNTAX_RULES: Rule[] = [
  duplicatedKey,
  incorrectDelimiter,
  keyWithoutValue,
  leadingCharacter,
  lowercaseKey,
  quoteCharacter,
  spaceCharacter,
  substitutionKey,
  trailingWhitespace,
  unorderedKey,
  valueWithoutQuotes,
  extraBlankLine,
  endingBlankLine,
  unterminatedQuote,
  unquotedHash,
];
