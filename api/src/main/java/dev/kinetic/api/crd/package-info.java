/** Generation of our CustomResourceDefinitions from the Java model. */
package dev.kinetic.api.crd;
