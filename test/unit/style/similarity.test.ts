import * as assert from 'node:assert/strict';
import { computeStyleFeatures } from '../../../src/core/style/features';
import { functionWordSimilarity, punctuationDistance, registerDistance, rhythmDistance } from '../../../src/core/style/similarity';

const terse = computeStyleFeatures('I ran. I fell. It hurt. I got up. I ran on.');
const terseToo = computeStyleFeatures('I sat. I ate. It was cold. I left. I slept.');
const ornate = computeStyleFeatures(
  'The committee, having considered the evidence at considerable length; and having weighed, with the greatest care, the arguments of the several parties — concluded that the proposal, however well intended, could not be adopted in its present form.',
);

describe('style similarity', () => {
  it('finds a text closest to itself', () => {
    assert.ok(Math.abs(functionWordSimilarity(terse, terse) - 1) < 1e-12);
    assert.equal(rhythmDistance(terse, terse), 0);
    assert.equal(punctuationDistance(terse, terse), 0);
    assert.equal(registerDistance(terse, terse), 0);
  });

  it('puts two terse first-person texts closer than a terse and an ornate one', () => {
    assert.ok(rhythmDistance(terse, terseToo) < rhythmDistance(terse, ornate));
    assert.ok(punctuationDistance(terse, terseToo) < punctuationDistance(terse, ornate));
    assert.ok(registerDistance(terse, terseToo) < registerDistance(terse, ornate));
    assert.ok(functionWordSimilarity(terse, terseToo) > functionWordSimilarity(terse, ornate));
  });
});
