/**
 * `npm run train:timeline`: learns the date-selection weights on all public Timeline17 topics and
 * writes src/core/timeline/date-weights.json, the file the product ships. The evaluation
 * (`npm run eval:timeline`) refits the same way without each topic in turn, so every figure it
 * reports is on a topic the weights did not see.
 */
import { writeFileSync } from 'node:fs';
import { FEATURE_NAMES } from '../src/core/timeline/date-features.js';
import { loadTopic, TOPICS } from './timeline/t17-topics.js';
import { trainDateModel } from './timeline/train.js';

const topics = await Promise.all(TOPICS.map(loadTopic));
const model = trainDateModel(topics.flatMap((topic) => topic.timelines));
const round = (value: number): number => Math.round(value * 1e6) / 1e6;
const file = {
  about: `Date-selection weights for /timeline, learned by eval/train-timeline-weights.ts (npm run train:timeline) on the Timeline17 topics ${TOPICS.join(', ')}`,
  features: [...FEATURE_NAMES],
  weights: model.weights.map(round),
  bias: round(model.bias),
};
const target = new URL('../src/core/timeline/date-weights.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(file, null, 2)}\n`);
console.log(FEATURE_NAMES.map((name, i) => `${file.weights[i]!.toFixed(3).padStart(7)}  ${name}`).join('\n'));
console.log(`wrote ${target.pathname.split('/').slice(-4).join('/')}`);
