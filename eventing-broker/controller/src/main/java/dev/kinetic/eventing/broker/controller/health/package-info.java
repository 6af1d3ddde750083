/** MicroProfile Health checks of the broker controller. */
package dev.kinetic.eventing.broker.controller.health;
