import { type Interpolation, interpolate, interpolateDeep } from '../../../dev/tools/compose-interpolation';

describe('Compose variable interpolation', () => {
  const env = { SET: 'value', EMPTY: '', OTHER: 'other' };

  it('leaves text without variables as it is, `$$` as one dollar and a lone `$` kept', () => {
    expect(interpolate('no variables here', env)).toBe('no variables here');
    expect(interpolate('price: $$5, $$SET', env)).toBe('price: $5, $SET');
    expect(interpolate('a $ alone, and at the end $', env)).toBe('a $ alone, and at the end $');
  });

  it('replaces ${VAR} and $VAR, an unset one by nothing', () => {
    expect(interpolate('${SET}-$SET-${UNSET}-$UNSET.', env)).toBe('value-value--.');
    expect(interpolate('$SET_and_more', env)).toBe('');
    expect(interpolate('${SET}_and_more', env)).toBe('value_and_more');
  });

  it('takes a default for :- when unset or empty, for - only when unset', () => {
    expect(interpolate('${SET:-d} ${EMPTY:-d} ${UNSET:-d}', env)).toBe('value d d');
    expect(interpolate('${SET-d} ${EMPTY-d} ${UNSET-d}', env)).toBe('value  d');
  });

  it('takes the alternative for :+ when set and not empty, for + when set', () => {
    expect(interpolate('[${SET:+alt}] [${EMPTY:+alt}] [${UNSET:+alt}]', env)).toBe('[alt] [] []');
    expect(interpolate('[${SET+alt}] [${EMPTY+alt}] [${UNSET+alt}]', env)).toBe('[alt] [alt] []');
  });

  it('refuses a required variable with its message: :? when unset or empty, ? when unset', () => {
    expect(interpolate('${SET:?needed}', env)).toBe('value');
    expect(() => interpolate('${EMPTY:?set it in .env}', env)).toThrow('EMPTY is required: set it in .env');
    expect(() => interpolate('${UNSET:?set it in .env}', env)).toThrow('UNSET is required: set it in .env');
    expect(interpolate('[${EMPTY?needed}]', env)).toBe('[]');
    expect(() => interpolate('${UNSET?needed}', env)).toThrow('UNSET is required: needed');
  });

  it('interpolates defaults and alternatives in turn, and only the branch taken', () => {
    expect(interpolate('${UNSET:-${OTHER}}', env)).toBe('other');
    expect(interpolate('${UNSET:-${ALSO_UNSET:-deep}}', env)).toBe('deep');
    expect(interpolate('${SET:+<${OTHER}>}', env)).toBe('<other>');
    expect(interpolate('${SET:-${UNSET:?never asked}}', env)).toBe('value');
  });

  it('reports every variable it meets, with its operator, nested ones included', () => {
    const seen: Interpolation[] = [];
    interpolate('$SET ${UNSET:-${OTHER}} ${EMPTY:?x} $$NOT', { ...env, EMPTY: 'now set' }, seen);
    expect(seen).toEqual([
      { name: 'SET', operator: '' },
      { name: 'UNSET', operator: ':-' },
      { name: 'OTHER', operator: '' },
      { name: 'EMPTY', operator: ':?' },
    ]);
  });

  it('refuses what Compose cannot read', () => {
    expect(() => interpolate('${SET', env)).toThrow(/Unterminated interpolation/);
    expect(() => interpolate('${1ST}', env)).toThrow(/Invalid interpolation \$\{1ST\}/);
    expect(() => interpolate('${SET!x}', env)).toThrow(/Invalid interpolation \$\{SET!x\}/);
  });

  it('interpolates every value of a document, never a key, and leaves other scalars as they are', () => {
    const seen: Interpolation[] = [];
    const document = {
      services: { $SET: { image: 'postgres:${UNSET:-16}', ports: ['${OTHER}:5432'], replicas: 2, init: true } },
      volumes: { data: null },
    };
    expect(interpolateDeep(document, env, seen)).toEqual({
      services: { $SET: { image: 'postgres:16', ports: ['other:5432'], replicas: 2, init: true } },
      volumes: { data: null },
    });
    expect(seen.map((use) => use.name)).toEqual(['UNSET', 'OTHER']);
  });
});
