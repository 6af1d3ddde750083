/**
 * The data-plane contract: the reconcilers' resolved view of each Broker and Trigger ({@link
 * dev.kinetic.eventing.broker.controller.contract.BrokerEntry}, {@link
 * dev.kinetic.eventing.broker.controller.contract.TriggerEntry}), the pure {@link
 * dev.kinetic.eventing.broker.controller.contract.ContractBuilder} that compiles them into a contract, and the single
 * {@link dev.kinetic.eventing.broker.controller.contract.ContractWriter} that keeps the contract ConfigMap up to date.
 */
package dev.kinetic.eventing.broker.controller.contract;
