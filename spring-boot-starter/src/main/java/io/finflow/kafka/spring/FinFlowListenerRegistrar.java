package io.finflow.kafka.spring;

import java.lang.reflect.Method;
import java.util.Map;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.SingletonBeanRegistry;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds the {@link FinFlowListener} methods of every bean and registers one {@link FinFlowListenerContainer}
 * singleton for each (named {@code <bean>.<method>.finflowListener}), which the context's lifecycle then starts and
 * stops. A method with an unsupported signature, a blank topic or group, or a concurrency out of limits fails the
 * bean's creation, naming the method. Used by the context's thread only.
 */
public final class FinFlowListenerRegistrar implements BeanPostProcessor, BeanFactoryAware {

    /** Suffix of the registered container beans' names. */
    public static final String CONTAINER_SUFFIX = ".finflowListener";

    private ConfigurableBeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = (ConfigurableBeanFactory) beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof FinFlowListenerContainer) {
            return bean;
        }
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        Map<Method, FinFlowListener> methods = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<FinFlowListener>) m ->
                        AnnotatedElementUtils.findMergedAnnotation(m, FinFlowListener.class));
        methods.forEach((method, annotation) -> register(bean, beanName, method, annotation));
        return bean;
    }

    private void register(Object bean, String beanName, Method method, FinFlowListener annotation) {
        try {
            ListenerMethod listener = ListenerMethod.of(bean, method,
                    AopUtils.selectInvocableMethod(method, bean.getClass()));
            String topic = resolve(annotation.topic());
            String group = resolve(annotation.group());
            if (topic.isBlank() || group.isBlank()) {
                throw new IllegalStateException("@FinFlowListener method " + listener.description()
                        + " needs a topic and a group, was topic '" + topic + "', group '" + group + "'");
            }
            int max = io.finflow.kafka.consumer.ConsumerOptions.MAX_CONCURRENCY;
            if (annotation.concurrency() < 1 || annotation.concurrency() > max) {
                throw new IllegalStateException("@FinFlowListener method " + listener.description()
                        + ": concurrency must be between 1 and " + max + ", was " + annotation.concurrency());
            }
            FinFlowListenerContainer container = new FinFlowListenerContainer(listener, topic, group,
                    annotation.concurrency(), beanFactory);
            ((SingletonBeanRegistry) beanFactory).registerSingleton(beanName + "." + method.getName()
                    + CONTAINER_SUFFIX, container);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new BeanInitializationException(e.getMessage(), e);
        }
    }

    private String resolve(String value) {
        String resolved = beanFactory.resolveEmbeddedValue(value);
        return resolved == null ? "" : resolved.trim();
    }
}
