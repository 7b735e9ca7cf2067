import { DomainError } from '@atrest/contracts';
import { parseBlockListXml } from './block-list.xml';

describe('Put Block List body', () => {
  it('reads the entries in order, with or without declaration and whitespace', () => {
    const xml = `\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<BlockList>\n  <Committed>QQ==</Committed>\n  <Uncommitted> Qg== </Uncommitted><Latest>Qw==</Latest>\n</BlockList>\n`;
    expect(parseBlockListXml(xml)).toEqual([
      { kind: 'Committed', id: 'QQ==' },
      { kind: 'Uncommitted', id: 'Qg==' },
      { kind: 'Latest', id: 'Qw==' },
    ]);
    expect(parseBlockListXml('<BlockList></BlockList>')).toEqual([]);
  });

  it.each(['', '<List><Latest>QQ==</Latest></List>', '<BlockList><Latest>QQ==</Committed></BlockList>', '<BlockList><Other>QQ==</Other></BlockList>', '<BlockList>text</BlockList>'])(
    'refuses %j as InvalidXmlDocument',
    (xml) => {
      expect(() => parseBlockListXml(xml)).toThrow(expect.objectContaining({ code: 'InvalidXmlDocument' }) as unknown as DomainError);
    },
  );
});
