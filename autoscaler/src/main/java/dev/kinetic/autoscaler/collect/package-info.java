/** Metric collection: scraping the queue-proxies' stats, receiving the activators', recording both into each revision's windows. */
package dev.kinetic.autoscaler.collect;
