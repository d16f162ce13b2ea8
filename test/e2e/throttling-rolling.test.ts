/**
 * Throttling storms against an ECS rolling deployment (the storms themselves: test/fakes/throttling-storms.ts).
 */
import { test } from 'uvu';
import { stormRows } from '../fakes/throttling-storms.js';

stormRows('ecs-rolling');

test.run();
