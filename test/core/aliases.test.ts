import { describe, expect, it } from 'vitest';
import { findAliases } from '../../src/core/aliases.js';

describe('acronyms learned from the documents', () => {
  it('GIVEN "long form (ACRONYM)" THEN the shortest run of words whose initials spell it is the long form', () => {
    expect(findAliases('part of NATO’s Allied Reaction Force (ARF), fires')).toEqual([
      { short: 'ARF', long: 'Allied Reaction Force' },
    ]);
    expect(findAliases('entry to the North Atlantic Treaty Organization (NATO) if')).toEqual([
      { short: 'NATO', long: 'North Atlantic Treaty Organization' },
    ]);
  });

  it('GIVEN "ACRONYM (long form)" THEN it is learned too', () => {
    expect(findAliases('The EU (European Union) agreed.')).toEqual([{ short: 'EU', long: 'European Union' }]);
  });

  it.each(['Zelenskyy (left) greets Kellogg', 'in 2025 (TBC) they', 'the GUR (an agency) said'])(
    'GIVEN %j THEN no alias is invented',
    (text) => {
      expect(findAliases(text)).toEqual([]);
    },
  );
});
