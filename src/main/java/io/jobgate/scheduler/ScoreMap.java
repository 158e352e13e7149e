package io.jobgate.scheduler;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable {@code Scores} map ({@code "<nodeID>.<scorer>" → score}) kept as two arrays. Every
 * allocation carries the scores of each node considered for it (spec §13.2); stored as a regular
 * map of boxed doubles that is a dozen objects per allocation, here it is three.
 */
final class ScoreMap extends AbstractMap<String, Double> {

  private final String[] keys;
  private final double[] values;

  ScoreMap(String[] keys, double[] values) {
    this.keys = keys;
    this.values = values;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public Double get(Object key) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public Set<Entry<String, Double>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return keys.length;
      }

      @Override
      public Iterator<Entry<String, Double>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < keys.length;
          }

          @Override
          public Entry<String, Double> next() {
            if (i >= keys.length) {
              throw new NoSuchElementException();
            }
            Entry<String, Double> e = new SimpleImmutableEntry<>(keys[i], values[i]);
            i++;
            return e;
          }
        };
      }
    };
  }
}
