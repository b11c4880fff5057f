/** Slack mrkdwn built safely: escaped text, links from one function, and cuts that never break an entity, a link or an emoji. */
import { describe, expect, it } from 'vitest';
import { escapeSlack, slackLink, truncateSlack } from '../../src/reply/slack-mrkdwn.js';

describe('Slack links', () => {
  it('GIVEN a URL with &, |, < and > THEN the link keeps its target and label and nothing escapes it', () => {
    const link = slackLink('https://news.example/a?x=1&y=2|<!channel>>', 'Title | with <b> & more');
    expect(link).toBe('<https://news.example/a?x=1&amp;y=2%7C%3C!channel%3E%3E|Title ¦ with &lt;b&gt; &amp; more>');
    // One link: a single < and a single >, and one | between target and label.
    expect(link.match(/[<>]/g)).toEqual(['<', '>']);
    expect(link.match(/\|/g)).toHaveLength(1);
  });

  it('GIVEN a URL trying to open a second link THEN it stays inside the first, percent-encoded', () => {
    expect(slackLink('https://ok.example/a|Official source><https://evil.example', 'Report')).toBe(
      '<https://ok.example/a%7COfficial%20source%3E%3Chttps://evil.example|Report>',
    );
  });

  it('GIVEN a javascript:, data: or malformed URL THEN there is no link, only the label', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'not a url', '<!channel>'])
      expect(slackLink(url, 'Report & co')).toBe('Report &amp; co');
    expect(slackLink('javascript:alert(1)')).toBe('');
  });

  it('GIVEN text with &, < and > THEN only entities remain', () => {
    expect(escapeSlack('<!channel> & <@U0ADMIN> > 3')).toBe('&lt;!channel&gt; &amp; &lt;@U0ADMIN&gt; &gt; 3');
  });
});

describe('Slack truncation', () => {
  const text = `${escapeSlack('Tom & Jerry <3 😀 <!here> & 👩‍👩‍👧 "quoted" > é')} ${slackLink('https://ok.example/a?b=1&c=2', 'Source & co')} ${escapeSlack('& 🎉 <end>')}`;

  it('GIVEN a text full of entities, emoji and a link THEN a cut at every length keeps each whole and stays within the limit', () => {
    for (let max = 0; max <= text.length + 1; max++) {
      const cut = truncateSlack(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      if (max >= text.length) {
        expect(cut).toBe(text);
        continue;
      }
      if (max > 0) expect(cut.endsWith('…')).toBe(true);
      const body = cut.replace(/…$/, '');
      expect(text.startsWith(body)).toBe(true);
      // Every & begins a whole entity; no lone surrogate; every < has its >.
      expect(body.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
      expect(body).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect(body.split('<').length).toBe(body.split('>').length);
    }
  });
});
