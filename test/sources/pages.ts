/** The pages and feeds the live-sources tests serve: shaped like real news sites' output. */
import { newsPage } from './web-fixture.js';

export const HARBOUR_SENTENCE =
  'The harbour of Port Velmora will reopen to grain ships on 14 March, the port authority said on Tuesday.';

export const harbourPage = (origin: string): string =>
  newsPage({
    title: 'Port Velmora harbour to reopen for grain ships',
    canonical: `${origin}/world/velmora-harbour.html`,
    published: '2025-02-18T09:30:00+02:00',
    paragraphs: [
      HARBOUR_SENTENCE,
      'Dredging crews have cleared the silted channel that closed the port in November, officials added.',
      'Exporters expect the first convoy of bulk carriers to load wheat within days of the reopening, according to the chamber of commerce.',
      'The closure had forced traders to send cargo overland through the mountain passes at three times the cost.',
    ],
  });

export const ferryPage = (origin: string): string =>
  newsPage({
    title: 'Ferry crews on the Lirren strait begin a two-day strike',
    canonical: `${origin}/world/lirren-ferry-strike.html`,
    published: '2025-02-19T07:00:00Z',
    paragraphs: [
      'Ferry crews on the Lirren strait walked out on Wednesday morning in a dispute over night-shift pay.',
      'The operator cancelled all sailings until Friday and advised passengers to postpone their journeys.',
      'Union leaders said talks with the operator would resume next week if no agreement is reached sooner.',
    ],
  });

export const lateItemPage = (origin: string): string =>
  newsPage({
    title: 'Tidal barrier at Osk Point completed ahead of schedule',
    canonical: `${origin}/world/osk-barrier.html`,
    published: '2025-02-21T12:00:00Z',
    paragraphs: [
      'Engineers finished the tidal barrier at Osk Point six weeks ahead of schedule, the regional council announced.',
      'The barrier will protect four thousand homes from winter storm surges along the estuary.',
    ],
  });

/** RSS 2.0 with CDATA, HTML entities and content:encoded, as WordPress-like sites write it. */
export const rssFeed = (origin: string, extraItem = false): string => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Gazette &#8211; World</title>
  <link>${origin}/world</link>
  <description><![CDATA[News from the coast & the ports]]></description>
  ${
    extraItem
      ? `<item>
    <title>Tidal barrier at Osk Point completed ahead of schedule</title>
    <link>${origin}/world/osk-barrier.html</link>
    <guid isPermaLink="false">gazette-1003</guid>
    <pubDate>Fri, 21 Feb 2025 12:00:00 GMT</pubDate>
    <description>Engineers finished early.</description>
  </item>`
      : ''
  }
  <item>
    <title><![CDATA[Port Velmora harbour to reopen for grain ships]]></title>
    <link>${origin}/world/velmora-harbour.html?utm_source=rss#story</link>
    <guid isPermaLink="false">gazette-1001</guid>
    <pubDate>Tue, 18 Feb 2025 07:30:00 GMT</pubDate>
    <dc:creator><![CDATA[Mara Ellison]]></dc:creator>
    <description><![CDATA[<p>The harbour reopens &amp; grain can flow again&hellip;</p>]]></description>
  </item>
  <item>
    <title>Ferry crews on the Lirren strait begin a two&#8209;day strike &amp; sailings stop</title>
    <link>${origin}/world/lirren-ferry-strike.html</link>
    <guid isPermaLink="false">gazette-1002</guid>
    <pubDate>Wed, 19 Feb 2025 07:00:00 GMT</pubDate>
    <description>Crews walked out over night&#8209;shift pay.</description>
  </item>
</channel>
</rss>`;

/** Atom 1.0 whose entry links to a page that is gone: its own content stands in. */
export const atomFeed = (origin: string): string => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Coastal Council notices</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2025-02-20T18:30:02Z</updated>
  <link rel="self" href="${origin}/atom.xml"/>
  <entry>
    <title type="html">Night buses &amp;amp; trams extended</title>
    <link rel="alternate" type="text/html" href="${origin}/notices/gone.html"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2025-02-20T18:30:02Z</published>
    <updated>2025-02-20T18:30:02Z</updated>
    <content type="html">&lt;p&gt;The council extended night bus and tram services on the Quillon line until two in the morning from 1 March.&lt;/p&gt;</content>
  </entry>
</feed>`;

/** JSON Feed 1.1, served as application/feed+json. */
export const jsonFeed = (origin: string): string =>
  JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Harbour Gazette (JSON)',
    home_page_url: origin,
    items: [
      {
        id: 'json-1',
        url: `${origin}/world/lirren-ferry-strike.html`,
        title: 'Ferry crews on the Lirren strait begin a two-day strike',
        date_published: '2025-02-19T07:00:00Z',
        content_text: 'Crews walked out.',
      },
    ],
  });

/** A feed cut short mid-item, with a bare ampersand: what a crashed generator leaves. */
export const malformedFeed = (origin: string): string => `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Broken & Co</title>
<item><title>Salt marsh restoration begins</title><link>${origin}/world/marsh.html</link>
<description>Volunteers planted reeds along the Brannock salt marsh & counted wading birds.</description></item>
<item><title>Unfinished`;
