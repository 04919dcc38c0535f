package dev.openstack.snapshots.sandbox;

import java.io.PrintStream;
import java.util.Random;

/** Users acting all along, whether an operator runs or not: one action every 300..1500 ms. */
final class KillCampaignUsers {

    private final KillWorkload workload;
    private final Random random;
    private final PrintStream log;
    private volatile boolean running = true;
    private final Thread thread;

    KillCampaignUsers(KillWorkload workload, Random random, PrintStream log) {
        this.workload = workload;
        this.random = random;
        this.log = log;
        this.thread = new Thread(this::loop, "kill-campaign-users");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(300 + random.nextInt(1200));
                workload.act();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.println("users: " + e);
            }
        }
    }
}
